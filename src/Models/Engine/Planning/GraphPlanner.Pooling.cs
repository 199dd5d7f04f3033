using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>MaxPool, AveragePool and GlobalAveragePool: geometry (kernel, strides, pads, auto_pad, ceil_mode) and steps.</summary>
internal sealed partial class GraphPlanner
{
    private void PlanGlobalAveragePool(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        RequireFloat(x, node);
        if (x.Rank < 3)
        {
            throw new InvalidDataException($"input must be N x C x spatial, got [{string.Join(",", x.Shape)}].");
        }

        int[] shape = x.Shape.Select((d, i) => i < 2 ? d : 1).ToArray();
        int planes = x.Shape[0] * x.Shape[1];
        EngineValue y = Define(node.Output[0], TensorElementType.Float32, shape);
        Emit(node, new GlobalAveragePoolStep(x.Tensor, y.Tensor, planes, planes == 0 ? 0 : x.Count / planes));
    }

    private void PlanPool(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        bool average = node.OpType == "AveragePool";
        if (average)
        {
            RequireFloat(x, node);
        }
        else if (x.Type is not (TensorElementType.Float32 or TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException($"MaxPool on {x.Type} is not supported");
        }

        if (node.Output.Count > 1 && node.Output[1].Length != 0)
        {
            throw new UnsupportedNodeException("MaxPool's Indices output is not supported");
        }

        NodeAttributes.RequireInt(node, "storage_order", 0);
        (PoolGeometry g, int[] shape) = PoolShape(node, x);
        bool countIncludePad = NodeAttributes.Int(node, "count_include_pad", 0) != 0;
        EngineValue y = Define(node.Output[0], x.Type, shape);
        Emit(node, new PoolStep(x.Tensor, y.Tensor, g, average, countIncludePad));
    }

    /// <summary>Pool or convolution geometry for 1-D (N, C, W) and 2-D (N, C, H, W) inputs: kernel, strides, pads, auto_pad, ceil_mode.</summary>
    private static (PoolGeometry Geometry, int[] Shape) PoolShape(NodeProto node, EngineValue x, int[]? kernelFromWeights = null, int outChannels = -1)
    {
        if (x.Rank is not (3 or 4))
        {
            throw new UnsupportedNodeException($"only 1-D and 2-D spatial inputs (rank 3 or 4) are supported, got [{string.Join(",", x.Shape)}]");
        }

        int spatial = x.Rank - 2;
        long[] kernel = NodeAttributes.Geometry(node, "kernel_shape", 1, kernelFromWeights?.Select(k => (long)k).ToArray())
            ?? throw new InvalidDataException("kernel_shape is required.");
        long[] strides = NodeAttributes.Geometry(node, "strides", 1, Enumerable.Repeat(1L, spatial).ToArray())!;
        long[] dilations = NodeAttributes.Geometry(node, "dilations", 1, Enumerable.Repeat(1L, spatial).ToArray())!;
        long[] pads = NodeAttributes.Geometry(node, "pads", 0, new long[2 * spatial])!;
        if (kernel.Length != spatial || strides.Length != spatial || dilations.Length != spatial || pads.Length != 2 * spatial)
        {
            throw new InvalidDataException($"kernel_shape, strides, dilations and pads must have {spatial}, {spatial}, {spatial} and {2 * spatial} entries.");
        }

        if (dilations.Any(d => d != 1))
        {
            throw new UnsupportedNodeException("dilations other than 1 are not supported");
        }

        if (kernel.Any(k => k < 1) || strides.Any(s => s < 1) || pads.Any(p => p < 0))
        {
            throw new InvalidDataException("kernel_shape and strides must be positive and pads non-negative.");
        }

        bool ceil = NodeAttributes.Int(node, "ceil_mode", 0) != 0;
        string autoPad = NodeAttributes.String(node, "auto_pad", "NOTSET");
        var outDims = new int[spatial];
        var begin = new int[spatial];
        for (int i = 0; i < spatial; i++)
        {
            int input = x.Shape[2 + i];
            int k = (int)kernel[i];
            int s = (int)strides[i];
            switch (autoPad)
            {
                case "NOTSET":
                    {
                        long span = input + pads[i] + pads[spatial + i] - k;
                        if (span < 0)
                        {
                            throw new InvalidDataException($"kernel {k} is larger than the padded input {input + pads[i] + pads[spatial + i]}.");
                        }

                        long o = (ceil ? (span + s - 1) / s : span / s) + 1;
                        if (ceil && (o - 1) * s >= input + pads[i])
                        {
                            o--; // the last window must start inside the input or its begin pad
                        }

                        outDims[i] = (int)o;
                        begin[i] = (int)pads[i];
                        break;
                    }

                case "VALID":
                    outDims[i] = ((input - k) / s) + 1;
                    break;
                case "SAME_UPPER":
                case "SAME_LOWER":
                    {
                        int o = (input + s - 1) / s;
                        int total = Math.Max(((o - 1) * s) + k - input, 0);
                        outDims[i] = o;
                        begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
                        break;
                    }

                default:
                    throw new InvalidDataException($"auto_pad '{autoPad}' is not valid.");
            }

            if (outDims[i] < 1)
            {
                throw new InvalidDataException($"the output would be empty along spatial axis {i}.");
            }
        }

        bool twoD = spatial == 2;
        var g = new PoolGeometry(
            Planes: x.Shape[0] * x.Shape[1],
            InH: twoD ? x.Shape[2] : 1,
            InW: x.Shape[^1],
            OutH: twoD ? outDims[0] : 1,
            OutW: outDims[^1],
            KernelH: twoD ? (int)kernel[0] : 1,
            KernelW: (int)kernel[^1],
            StrideH: twoD ? (int)strides[0] : 1,
            StrideW: (int)strides[^1],
            PadTop: twoD ? begin[0] : 0,
            PadLeft: begin[^1]);
        int[] shape = [x.Shape[0], outChannels < 0 ? x.Shape[1] : outChannels, .. outDims];
        return (g, shape);
    }
}
