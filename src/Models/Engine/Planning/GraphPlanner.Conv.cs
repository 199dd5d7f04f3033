using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Convolutions (QLinearConv and fused QDQ Conv, 1-D and 2-D, groups and depthwise) around <see cref="QConv"/>.</summary>
internal sealed partial class GraphPlanner
{
    private void PlanConv(NodeProto core, EngineValue x, QuantParams xq, EngineValue w, QuantParams wq, long wAxis, FusedPattern pattern, OutputSpec output)
    {
        if (output.Kind != OutputKind.Quantized)
        {
            throw new UnsupportedNodeException("a QDQ Conv must be followed by QuantizeLinear (the convolution kernels write quantized outputs only)");
        }

        if (!wq.PerTensor && NormalizeAxis(wAxis, w.Rank, "weight DequantizeLinear axis") != 0)
        {
            throw new UnsupportedNodeException($"per-channel Conv weight scales must run along axis 0 (output channels), not {wAxis}");
        }

        double[]? bias = core.Input.Count > 2 && core.Input[2].Length != 0 ? BiasValues(core.Input[2]) : null;
        PlanConvCore(core, x, xq, w, wq, bias, output, pattern.Output);
    }

    private void PlanQLinearConv(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        QuantParams xq = QuantParams.From(Input(node, 1), OptionalInput(node, 2), x.Type, "x");
        EngineValue w = Constant(node, 3, "QLinearConv w");
        QuantParams wq = QuantParams.From(Input(node, 4), OptionalInput(node, 5), w.Type, "w");
        QuantParams yq = QuantParams.From(Input(node, 6), OptionalInput(node, 7), TensorElementType.UInt8, "y");
        if (!yq.PerTensor || yq.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException("y must be quantized per tensor to uint8 or int8");
        }

        double[]? bias = null;
        EngineValue? b = OptionalInput(node, 8);
        if (b is not null)
        {
            if (!b.IsConstant || b.Type != TensorElementType.Int32)
            {
                throw new UnsupportedNodeException("the bias B must be a constant int32 tensor");
            }

            int[] raw = b.Tensor.AsSpan<int>().ToArray();
            bias = new double[raw.Length];
            for (int m = 0; m < raw.Length; m++)
            {
                bias[m] = raw[m] * ((double)xq.Scales[0] * wq.Scales[wq.Scales.Length == 1 ? 0 : Math.Min(m, wq.Scales.Length - 1)]);
            }
        }

        PlanConvCore(node, x, xq, w, wq, bias, new OutputSpec(OutputKind.Quantized, yq, float.NegativeInfinity, float.PositiveInfinity), node.Output[0]);
    }

    private void PlanConvCore(NodeProto node, EngineValue x, QuantParams xq, EngineValue w, QuantParams wq, double[]? bias, OutputSpec output, string outName)
    {
        if (!xq.PerTensor)
        {
            throw new UnsupportedNodeException("per-channel activation quantization is not supported (only per tensor)");
        }

        if (x.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException($"activation '{x.Name}' is {x.Type}; the native convolution takes uint8 or int8 activations");
        }

        if (x.Rank is not (3 or 4) || w.Rank != x.Rank)
        {
            throw new UnsupportedNodeException($"only 1-D and 2-D convolutions are supported (input [{string.Join(",", x.Shape)}], weights [{string.Join(",", w.Shape)}])");
        }

        if (w.Type != TensorElementType.Int8)
        {
            throw new UnsupportedNodeException($"weights '{w.Name}' are {w.Type}; the native convolution takes int8 weights");
        }

        int spatial = x.Rank - 2;
        int m = w.Shape[0];
        long groupValue = NodeAttributes.Int(node, "group", 1);
        if (groupValue < 1 || groupValue > NodeAttributes.MaxGeometry)
        {
            throw new InvalidDataException($"group {groupValue} is out of range.");
        }

        int group = (int)groupValue;
        int[] kernel = w.Shape[2..];
        long[]? declared = NodeAttributes.Ints(node, "kernel_shape");
        if (declared is not null && !declared.SequenceEqual(kernel.Select(k => (long)k)))
        {
            throw new InvalidDataException($"kernel_shape [{string.Join(",", declared)}] does not match the weights [{string.Join(",", w.Shape)}].");
        }

        if (group < 1 || x.Shape[1] != w.Shape[1] * group)
        {
            throw new InvalidDataException($"input channels {x.Shape[1]} do not equal weight channels {w.Shape[1]} x group {group}.");
        }

        if (wq.Scales.Length != 1 && wq.Scales.Length != m)
        {
            throw new InvalidDataException($"weight scales hold {wq.Scales.Length} values; expected 1 or M = {m}.");
        }

        if (bias is not null && bias.Length != m)
        {
            throw new InvalidDataException($"bias holds {bias.Length} values; expected M = {m}.");
        }

        long[] strides = NodeAttributes.Geometry(node, "strides", 1, Enumerable.Repeat(1L, spatial).ToArray())!;
        long[] dilations = NodeAttributes.Geometry(node, "dilations", 1, Enumerable.Repeat(1L, spatial).ToArray())!;
        if (strides.Length != spatial || dilations.Length != spatial || strides.Any(s => s < 1) || dilations.Any(d => d < 1))
        {
            throw new InvalidDataException($"strides and dilations must have {spatial} positive entries.");
        }

        int[] pads = ConvPads(node, x.Shape[2..], kernel, strides, dilations);
        QConvShape shape;
        try
        {
            shape = spatial == 2
                ? QConvShape.Create(x.Shape[1], x.Shape[2], x.Shape[3], m, kernel[0], kernel[1], group, (int)strides[0], (int)strides[1],
                    (int)dilations[0], (int)dilations[1], pads[0], pads[1], pads[2], pads[3])
                : QConvShape.Create1D(x.Shape[1], x.Shape[2], m, kernel[0], group, (int)strides[0], (int)dilations[0], pads[0], pads[1]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        sbyte[] weights = w.Tensor.AsSpan<sbyte>().ToArray();
        if (Array.IndexOf(weights, sbyte.MinValue) >= 0)
        {
            throw new UnsupportedNodeException($"weights '{w.Name}' contain -128; the native convolution takes int8 weights in [-127, 127] (symmetric quantization)");
        }

        sbyte[] wZeroPoints = wq.ZeroPoints.Select(z => z is < -128 or > 127 ? throw new InvalidDataException($"weight zero point {z} is out of the int8 range.") : (sbyte)z).ToArray();
        GemmEpilogue epilogue = Epilogue(xq.Scales[0], wq.Scales, m, bias, output);
        var conv = new QConv(shape, weights, wZeroPoints, epilogue.IntBias ?? [], Gemm);
        int[] outShape = spatial == 2 ? [x.Shape[0], m, shape.OutputHeight, shape.OutputWidth] : [x.Shape[0], m, shape.OutputWidth];
        EngineValue y = Define(outName, output.ElementType, outShape);
        Emit(node, new ConvStep(conv, x.Tensor, x.Shape[0], xq.ZeroPoints[0], epilogue.Requantization!, y.Tensor), [x], y);
    }

    /// <summary>Begin pads then end pads per spatial axis ([top, left, bottom, right] in 2-D, [begin, end] in 1-D), auto_pad resolved.</summary>
    private static int[] ConvPads(NodeProto node, int[] input, int[] kernel, long[] strides, long[] dilations)
    {
        int spatial = input.Length;
        string autoPad = NodeAttributes.String(node, "auto_pad", "NOTSET");
        var pads = new int[2 * spatial];
        switch (autoPad)
        {
            case "NOTSET":
                long[] given = NodeAttributes.Geometry(node, "pads", 0, new long[2 * spatial])!;
                if (given.Length != 2 * spatial)
                {
                    throw new InvalidDataException($"pads must have {2 * spatial} non-negative entries.");
                }

                return given.Select(p => (int)p).ToArray();
            case "VALID":
                return pads;
            case "SAME_UPPER":
            case "SAME_LOWER":
                for (int i = 0; i < spatial; i++)
                {
                    int s = (int)strides[i];
                    int extent = ((kernel[i] - 1) * (int)dilations[i]) + 1;
                    int o = (input[i] + s - 1) / s;
                    int total = Math.Max(((o - 1) * s) + extent - input[i], 0);
                    pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
                    pads[spatial + i] = total - pads[i];
                }

                return pads;
            default:
                throw new InvalidDataException($"auto_pad '{autoPad}' is not valid.");
        }
    }
}
