using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Ops that run on quantized bytes between Q/DQ pairs with equal parameters.</summary>
internal sealed partial class GraphPlanner
{
    private static readonly HashSet<string> PassthroughOps = new(StringComparer.Ordinal)
    {
        "MaxPool", "Reshape", "Flatten", "Transpose", "Concat", "Identity", "Relu", "Clip", "GlobalAveragePool",
    };

    private readonly Dictionary<int, QuantizedPassthrough> _passthroughs = [];

    /// <summary>Finds DQ -> op -> Q where every DQ and the Q have the same constant per-tensor scale, zero point and type.</summary>
    private void FindPassthroughs()
    {
        for (int i = 0; i < _graph.Node.Count; i++)
        {
            NodeProto node = _graph.Node[i];
            if (_absorbed[i] || !PassthroughOps.Contains(node.OpType) || node.Output.Count != 1 || (node.Domain.Length != 0 && node.Domain != "ai.onnx"))
            {
                continue;
            }

            int q = SoleConsumer(node.Output[0]);
            if (q < 0 || _graph.Node[q].OpType != "QuantizeLinear" || _absorbed[q])
            {
                continue;
            }

            int dataInputs = node.OpType == "Concat" ? node.Input.Count : 1;
            if (node.Input.Skip(dataInputs).Any(n => n.Length != 0 && !_constantNames.Contains(n)))
            {
                continue; // Reshape's shape, Clip's bounds must be constants
            }

            var inputs = new string[dataInputs];
            bool ok = dataInputs > 0;
            for (int j = 0; j < dataInputs && ok; j++)
            {
                int dq = ProducerOf(node.Input[j], "DequantizeLinear");
                ok = dq >= 0 && !_constantNames.Contains(_graph.Node[dq].Input[0]) && SameQuantization(_graph.Node[dq], _graph.Node[q]);
                inputs[j] = ok ? _graph.Node[dq].Input[0] : string.Empty;
            }

            if (ok)
            {
                _absorbed[i] = true;
                _absorbed[q] = true;
                _passthroughs[i] = new QuantizedPassthrough(i, q, inputs);
            }
        }
    }

    /// <summary>Whether a DQ and a Q node carry the same constant per-tensor scale and zero point (bitwise).</summary>
    private bool SameQuantization(NodeProto dq, NodeProto q)
    {
        if (NodeAttributes.Find(dq, "axis") is not null && !IsScalarConstant(dq.Input[1]))
        {
            return false;
        }

        return SameConstant(dq.Input[1], q.Input[1]) && SameConstant(dq.Input.Count > 2 ? dq.Input[2] : string.Empty, q.Input.Count > 2 ? q.Input[2] : string.Empty);
    }

    private bool IsScalarConstant(string name) =>
        _graph.Initializer.FirstOrDefault(t => t.Name == name) is { } t && t.Dims.Aggregate(1L, (a, d) => a * d) == 1;

    private bool SameConstant(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length;
        }

        if (a == b)
        {
            return IsScalarConstant(a);
        }

        TensorProto? ta = _graph.Initializer.FirstOrDefault(t => t.Name == a);
        TensorProto? tb = _graph.Initializer.FirstOrDefault(t => t.Name == b);
        if (ta is null || tb is null || ta.DataType != tb.DataType || !IsScalarConstant(a) || !IsScalarConstant(b))
        {
            return false;
        }

        try
        {
            return InitializerDecoder.Decode(ta, a).Bytes.SequenceEqual(InitializerDecoder.Decode(tb, b).Bytes);
        }
        catch (Exception e) when (e is UnsupportedNodeException or InvalidDataException)
        {
            return false;
        }
    }

    private void PlanPassthrough(QuantizedPassthrough p)
    {
        NodeProto node = _graph.Node[p.Node];
        NodeProto q = _graph.Node[p.Quantize];
        // The same op, reading the quantized values and writing the QuantizeLinear's output.
        var rewritten = node.Clone();
        for (int j = 0; j < p.Inputs.Length; j++)
        {
            rewritten.Input[j] = p.Inputs[j];
        }

        rewritten.Output[0] = q.Output[0];
        if (node.OpType is "Relu" or "Clip")
        {
            EngineValue x = Input(rewritten, 0);
            QuantParams qp = QuantParams.From(Value(q.Input[1]), OptionalInput(q, 2), TensorElementType.UInt8, "QuantizeLinear");
            (float lo, float hi) = node.OpType == "Relu" ? (0f, float.PositiveInfinity) : ClipRange(node);
            int typeMin = x.Type == TensorElementType.Int8 ? sbyte.MinValue : byte.MinValue;
            int typeMax = x.Type == TensorElementType.Int8 ? sbyte.MaxValue : byte.MaxValue;
            int min = QuantizeStep.Quantize(lo, qp.Scales[0], qp.ZeroPoints[0], typeMin, typeMax);
            int max = QuantizeStep.Quantize(hi, qp.Scales[0], qp.ZeroPoints[0], typeMin, typeMax);
            EngineValue y = Define(q.Output[0], x.Type, x.Shape);
            Emit(rewritten, new QuantizedClampStep(x.Tensor, y.Tensor, min, max));
            return;
        }

        if (node.OpType == "GlobalAveragePool")
        {
            EngineValue x = Input(rewritten, 0);
            if (x.Rank < 3)
            {
                throw new InvalidDataException($"input must be N x C x spatial, got [{string.Join(",", x.Shape)}].");
            }

            QuantParams qp = QuantParams.From(Value(q.Input[1]), OptionalInput(q, 2), x.Type, "QuantizeLinear");
            int[] shape = x.Shape.Select((d, i) => i < 2 ? d : 1).ToArray();
            int planes = x.Shape[0] * x.Shape[1];
            EngineValue y = Define(q.Output[0], x.Type, shape);
            Emit(rewritten, new QuantizedGlobalAveragePoolStep(x.Tensor, y.Tensor, planes, planes == 0 ? 0 : x.Count / planes, qp.ZeroPoints[0]));
            return;
        }

        PlanNode(-1, rewritten);
    }
}
