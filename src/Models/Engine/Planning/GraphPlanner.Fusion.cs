using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>QDQ pattern matching and the integer GEMM steps (fused patterns, QLinearMatMul, MatMulInteger).</summary>
internal sealed partial class GraphPlanner
{
    /// <summary>
    /// Finds DQ(x), DQ(constant w) -> MatMul|Gemm|Conv [-> Add(constant bias)] [-> Relu|Clip] [-> QuantizeLinear]
    /// chains where every intermediate value has one consumer, and marks the absorbed nodes. A float MatMul, Gemm
    /// or Conv outside such a pattern is a problem: the engine has no float GEMM.
    /// </summary>
    private void FindPatterns()
    {
        for (int i = 0; i < _graph.Node.Count; i++)
        {
            NodeProto node = _graph.Node[i];
            if (node.OpType is not ("MatMul" or "Gemm" or "Conv") || node.Domain.Length != 0 && node.Domain != "ai.onnx")
            {
                continue;
            }

            int dqX = node.Input.Count > 1 ? ProducerOf(node.Input[0], "DequantizeLinear") : -1;
            int dqW = node.Input.Count > 1 ? ProducerOf(node.Input[1], "DequantizeLinear") : -1;
            if (dqX < 0 || dqW < 0 || _constantNames.Contains(_graph.Node[dqX].Input[0]) || !_constantNames.Contains(_graph.Node[dqW].Input[0])
                || (node.Input.Count > 2 && node.Input[2].Length != 0 && !IsConstantBias(node.Input[2])))
            {
                Problem(node, $"float {node.OpType} is not inside a QDQ pattern (DequantizeLinear of a quantized activation and of constant int8 weights{(node.OpType == "MatMul" ? string.Empty : ", constant bias")}); the native engine has no float {node.OpType}");
                continue;
            }

            var pattern = new FusedPattern { Core = i, DequantizeX = dqX, DequantizeW = dqW, Output = node.Output[0] };
            int next = SoleConsumer(pattern.Output);
            if (next >= 0 && node.OpType != "Conv" && _graph.Node[next].OpType == "Add" && _graph.Node[next].Input.Count == 2)
            {
                NodeProto add = _graph.Node[next];
                string other = add.Input[0] == pattern.Output ? add.Input[1] : add.Input[0];
                if (IsConstantBias(other) && IsBiasVector(other, OutputColumns(node, _graph.Node[dqW].Input[0])))
                {
                    pattern.Add = next;
                    pattern.Output = add.Output[0];
                    next = SoleConsumer(pattern.Output);
                }
            }

            if (next >= 0 && (_graph.Node[next].OpType == "Relu" || (_graph.Node[next].OpType == "Clip" && _graph.Node[next].Input.Skip(1).All(n => n.Length == 0 || _constantNames.Contains(n)))))
            {
                pattern.Activation = next;
                pattern.Output = _graph.Node[next].Output[0];
                next = SoleConsumer(pattern.Output);
            }

            if (next >= 0 && _graph.Node[next].OpType == "QuantizeLinear" && _graph.Node[next].Input.Skip(1).All(n => n.Length == 0 || _constantNames.Contains(n)))
            {
                pattern.Quantize = next;
                pattern.Output = _graph.Node[next].Output[0];
            }

            foreach (int n in pattern.Nodes())
            {
                _absorbed[n] = true;
            }

            _patterns[i] = pattern;
        }
    }

    private int ProducerOf(string value, string opType) =>
        _producer.TryGetValue(value, out int p) && _graph.Node[p].OpType == opType ? p : -1;

    /// <summary>N of a MatMul or Gemm from its weight initializer's dims (-1 when unknown).</summary>
    private long OutputColumns(NodeProto core, string weights)
    {
        TensorProto? w = _graph.Initializer.FirstOrDefault(t => t.Name == weights);
        if (w is null || w.Dims.Count != 2)
        {
            return -1;
        }

        bool transB = core.OpType == "Gemm" && NodeAttributes.Int(core, "transB", 0) != 0;
        return transB ? w.Dims[0] : w.Dims[1];
    }

    /// <summary>
    /// Whether a constant bias (or the constant a DequantizeLinear reads) holds 1 or <paramref name="n"/> values along
    /// its last dimension only, i.e. broadcasts over the output's last dimension; any other Add runs in float.
    /// </summary>
    private bool IsBiasVector(string name, long n)
    {
        int dq = ProducerOf(name, "DequantizeLinear");
        string source = dq >= 0 ? _graph.Node[dq].Input[0] : name;
        TensorProto? t = _graph.Initializer.FirstOrDefault(i => i.Name == source);
        if (t is null)
        {
            return false; // a Constant node: leave the Add unfused
        }

        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        return (count == 1 || count == n) && t.Dims.Take(Math.Max(t.Dims.Count - 1, 0)).All(d => d == 1);
    }

    /// <summary>A float constant, or DequantizeLinear of a constant.</summary>
    private bool IsConstantBias(string name)
    {
        if (_constantNames.Contains(name))
        {
            return true;
        }

        int dq = ProducerOf(name, "DequantizeLinear");
        return dq >= 0 && _graph.Node[dq].Input.All(n => n.Length == 0 || _constantNames.Contains(n));
    }

    /// <summary>The real values of a constant bias (a float constant, or DequantizeLinear of a constant int32/int8 tensor).</summary>
    private double[] BiasValues(string name)
    {
        int dq = ProducerOf(name, "DequantizeLinear");
        if (dq < 0 || _values.ContainsKey(name))
        {
            EngineValue v = Value(name);
            if (v.Type != TensorElementType.Float32)
            {
                throw new UnsupportedNodeException($"bias '{name}' is {v.Type}; expected float or DequantizeLinear of int32");
            }

            return v.Tensor.AsSpan<float>().ToArray().Select(f => (double)f).ToArray();
        }

        NodeProto node = _graph.Node[dq];
        EngineValue q = Value(node.Input[0]);
        QuantParams p = QuantParams.From(Value(node.Input[1]), OptionalInput(node, 2), q.Type, "bias DequantizeLinear");
        var values = new double[q.Count];
        for (int i = 0; i < values.Length; i++)
        {
            int c = p.PerTensor ? 0 : i; // a per-channel bias is 1-D: its only axis is the channel
            double raw = q.Type switch
            {
                TensorElementType.Int32 => q.Tensor.AsSpan<int>()[i],
                TensorElementType.Int8 => q.Tensor.AsSpan<sbyte>()[i],
                TensorElementType.UInt8 => q.Tensor.Bytes[i],
                _ => throw new UnsupportedNodeException($"bias '{q.Name}' is {q.Type}; expected int32"),
            };
            values[i] = (raw - p.ZeroPoints[c]) * (double)p.Scales[c];
        }

        return values;
    }

    private void PlanFused(FusedPattern pattern)
    {
        NodeProto core = _graph.Node[pattern.Core];
        NodeProto dqXNode = _graph.Node[pattern.DequantizeX];
        NodeProto dqWNode = _graph.Node[pattern.DequantizeW];
        EngineValue x = Value(dqXNode.Input[0]);
        QuantParams xq = QuantParams.From(Value(dqXNode.Input[1]), OptionalInput(dqXNode, 2), x.Type, "activation DequantizeLinear");
        if (!xq.PerTensor)
        {
            throw new UnsupportedNodeException("per-channel activation quantization is not supported (only per tensor)");
        }

        EngineValue w = Value(dqWNode.Input[0]);
        QuantParams wq = QuantParams.From(Value(dqWNode.Input[1]), OptionalInput(dqWNode, 2), w.Type, "weight DequantizeLinear");
        long wAxis = NodeAttributes.Int(dqWNode, "axis", 1);
        OutputSpec output = FusedOutput(pattern);

        if (core.OpType == "Conv")
        {
            PlanConv(core, x, xq, w, wq, wAxis, pattern, output);
            return;
        }

        var bias = new List<double[]>();
        if (core.OpType == "Gemm" && core.Input.Count > 2 && core.Input[2].Length != 0)
        {
            bias.Add(BiasValues(core.Input[2]));
        }

        if (pattern.Add >= 0)
        {
            NodeProto add = _graph.Node[pattern.Add];
            bias.Add(BiasValues(add.Input[0] == core.Output[0] ? add.Input[1] : add.Input[0]));
        }

        bool transB = false;
        if (core.OpType == "Gemm")
        {
            NodeAttributes.RequireInt(core, "transA", 0);
            transB = NodeAttributes.Int(core, "transB", 0) != 0;
            if (NodeAttributes.Float(core, "alpha", 1f) != 1f || NodeAttributes.Float(core, "beta", 1f) != 1f)
            {
                throw new UnsupportedNodeException("Gemm alpha and beta other than 1 are not supported");
            }

            if (x.Rank != 2)
            {
                throw new InvalidDataException($"Gemm input A must be 2-D, got [{string.Join(",", x.Shape)}].");
            }
        }

        if (w.Rank != 2)
        {
            throw new UnsupportedNodeException($"weights '{w.Name}' must be 2-D, got [{string.Join(",", w.Shape)}]");
        }

        int wAxisNorm = NormalizeAxis(wAxis, 2, "weight DequantizeLinear axis");
        int nAxis = transB ? 0 : 1;
        if (!wq.PerTensor && wAxisNorm != nAxis)
        {
            throw new UnsupportedNodeException($"per-channel weight scales must run along the output axis ({nAxis}), not axis {wAxisNorm}");
        }

        int k = transB ? w.Shape[1] : w.Shape[0];
        int n = transB ? w.Shape[0] : w.Shape[1];
        sbyte[] weights = WeightsKxN(w, transB);
        int[] outShape = MatMulShape(x, k, n);
        PlanGemm(core, x, xq.ZeroPoints[0], xq.Scales[0], weights, k, n, wq, SumBias(bias, n), output, outShape, pattern.Output);
    }

    private static double[]? SumBias(List<double[]> biases, int n)
    {
        if (biases.Count == 0)
        {
            return null;
        }

        var sum = new double[n];
        foreach (double[] b in biases)
        {
            if (b.Length != 1 && b.Length != n)
            {
                throw new UnsupportedNodeException($"a bias of {b.Length} values does not broadcast over the {n} output channels");
            }

            for (int j = 0; j < n; j++)
            {
                sum[j] += b[b.Length == 1 ? 0 : j];
            }
        }

        return sum;
    }

    private static int[] MatMulShape(EngineValue x, int k, int n)
    {
        if (x.Rank < 1 || x.Shape[^1] != k)
        {
            throw new InvalidDataException($"input [{string.Join(",", x.Shape)}] does not end in K = {k} (the weights' shared dimension).");
        }

        int[] shape = x.Shape.ToArray();
        shape[^1] = n;
        return shape;
    }

    /// <summary>The weights as K x N row-major s8 (transposed from N x K for Gemm transB=1), checked for the packed range.</summary>
    private static sbyte[] WeightsKxN(EngineValue w, bool transposed)
    {
        if (w.Type != TensorElementType.Int8)
        {
            throw new UnsupportedNodeException($"weights '{w.Name}' are {w.Type}; the native GEMM takes int8 weights");
        }

        ReadOnlySpan<sbyte> src = w.Tensor.AsSpan<sbyte>();
        if (src.IndexOf(sbyte.MinValue) >= 0)
        {
            throw new UnsupportedNodeException($"weights '{w.Name}' contain -128; the native GEMM takes int8 weights in [-127, 127] (symmetric quantization)");
        }

        if (!transposed)
        {
            return src.ToArray();
        }

        int rows = w.Shape[0];
        int cols = w.Shape[1];
        var result = new sbyte[src.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = src[(r * cols) + c];
            }
        }

        return result;
    }

    /// <summary>What a fused pattern outputs: quantized by its QuantizeLinear (clamp narrowed by Relu/Clip), or float.</summary>
    private OutputSpec FusedOutput(FusedPattern pattern)
    {
        float min = float.NegativeInfinity;
        float max = float.PositiveInfinity;
        if (pattern.Activation >= 0)
        {
            NodeProto act = _graph.Node[pattern.Activation];
            (min, max) = act.OpType == "Relu" ? (0f, float.PositiveInfinity) : ClipRange(act);
        }

        if (pattern.Quantize < 0)
        {
            return new OutputSpec(OutputKind.Float, null, min, max);
        }

        NodeProto q = _graph.Node[pattern.Quantize];
        QuantParams yq = QuantParams.From(Value(q.Input[1]), OptionalInput(q, 2), TensorElementType.UInt8, "output QuantizeLinear");
        if (!yq.PerTensor || yq.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException("the output QuantizeLinear must be per tensor, to uint8 or int8");
        }

        return new OutputSpec(OutputKind.Quantized, yq, min, max);
    }

    private (float Min, float Max) ClipRange(NodeProto clip)
    {
        if (_opset < 11)
        {
            return (NodeAttributes.Float(clip, "min", float.NegativeInfinity), NodeAttributes.Float(clip, "max", float.PositiveInfinity));
        }

        EngineValue? lo = OptionalInput(clip, 1);
        EngineValue? hi = OptionalInput(clip, 2);
        foreach (EngineValue? v in new[] { lo, hi })
        {
            if (v is not null && (!v.IsConstant || v.Type != TensorElementType.Float32 || v.Count != 1))
            {
                throw new UnsupportedNodeException("Clip min and max must be constant float scalars");
            }
        }

        return (lo?.Tensor.AsSpan<float>()[0] ?? float.NegativeInfinity, hi?.Tensor.AsSpan<float>()[0] ?? float.PositiveInfinity);
    }

    /// <summary>
    /// Plans an integer GEMM of x (u8/s8, M x K after flattening leading dims) by int8 weights (K x N) with the
    /// given output. Float biases become int32 at scale xScale·wScale[n] (round half to even) for quantized outputs.
    /// </summary>
    private void PlanGemm(NodeProto node, EngineValue x, int xZeroPoint, float xScale, sbyte[] weights, int k, int n, QuantParams wq,
        double[]? bias, OutputSpec output, int[] outShape, string outName)
    {
        if (x.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException($"activation '{x.Name}' is {x.Type}; the native GEMM takes uint8 or int8 activations");
        }

        if (wq.Scales.Length != 1 && wq.Scales.Length != n)
        {
            throw new InvalidDataException($"weight scales hold {wq.Scales.Length} values; expected 1 or N = {n}.");
        }

        var wZeroPoints = wq.ZeroPoints.Select(z => z is < -128 or > 127 ? throw new InvalidDataException($"weight zero point {z} is out of the int8 range.") : (sbyte)z).ToArray();
        QGemmPackedWeights packed = QGemmPackedWeights.Pack(weights, k, n, wZeroPoints);
        int m = x.Count / k;
        GemmEpilogue epilogue = Epilogue(xScale, wq.Scales, n, bias, output);
        EngineValue y = Define(outName, output.ElementType, outShape);
        Emit(node, new QGemmStep(Gemm, x.Tensor, m, xZeroPoint, packed, epilogue, y.Tensor), [x], y);
    }

    private QGemm Gemm => _gemm ?? QGemm.Default;

    private static GemmEpilogue Epilogue(float xScale, float[] wScales, int n, double[]? bias, OutputSpec output)
    {
        switch (output.Kind)
        {
            case OutputKind.Int32:
                return GemmEpilogue.Int32();
            case OutputKind.Float:
                {
                    float[] scales = wScales.Select(s => xScale * s).ToArray();
                    return GemmEpilogue.Float(scales, bias?.Select(b => (float)b).ToArray(), output.Min, output.Max);
                }

            default:
                {
                    QuantParams yq = output.Quant!;
                    int typeMin = yq.Type == TensorElementType.Int8 ? sbyte.MinValue : byte.MinValue;
                    int typeMax = yq.Type == TensorElementType.Int8 ? sbyte.MaxValue : byte.MaxValue;
                    int zp = yq.ZeroPoints[0];
                    int min = QuantizeStep.Quantize(output.Min, yq.Scales[0], zp, typeMin, typeMax);
                    int max = QuantizeStep.Quantize(output.Max, yq.Scales[0], zp, typeMin, typeMax);
                    if (min > zp || max < zp)
                    {
                        throw new UnsupportedNodeException("a fused Clip range that excludes zero is not supported");
                    }

                    var multipliers = new double[wScales.Length];
                    for (int j = 0; j < multipliers.Length; j++)
                    {
                        multipliers[j] = (double)xScale * wScales[j] / yq.Scales[0];
                        if (!(multipliers[j] >= FixedPointMultiplier.MinReal && multipliers[j] < FixedPointMultiplier.MaxReal))
                        {
                            throw new UnsupportedNodeException($"requantization multiplier {multipliers[j]} is outside [2^-31, 2^30)");
                        }
                    }

                    Requantization r = multipliers.Length == 1
                        ? Requantization.PerTensor(multipliers[0], zp, min, max)
                        : Requantization.PerChannel(multipliers, zp, min, max);
                    int[]? intBias = null;
                    if (bias is not null)
                    {
                        intBias = new int[n];
                        for (int j = 0; j < n; j++)
                        {
                            double scale = (double)xScale * wScales[wScales.Length == 1 ? 0 : j];
                            double q = Math.Round(bias[j] / scale, MidpointRounding.ToEven);
                            intBias[j] = (int)Math.Clamp(q, int.MinValue, int.MaxValue);
                        }
                    }

                    return GemmEpilogue.Quantized(r, intBias);
                }
        }
    }
}
