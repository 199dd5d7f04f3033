using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>The QOperator GEMMs: QLinearMatMul and MatMulInteger.</summary>
internal sealed partial class GraphPlanner
{
    private void PlanQLinearMatMul(NodeProto node)
    {
        EngineValue a = Input(node, 0);
        QuantParams aq = QuantParams.From(Input(node, 1), OptionalInput(node, 2), a.Type, "a");
        EngineValue b = Constant(node, 3, "QLinearMatMul b");
        QuantParams bq = QuantParams.From(Input(node, 4), OptionalInput(node, 5), b.Type, "b");
        QuantParams yq = QuantParams.From(Input(node, 6), OptionalInput(node, 7), TensorElementType.UInt8, "y");
        if (!aq.PerTensor || !yq.PerTensor)
        {
            throw new UnsupportedNodeException("a and y must be quantized per tensor");
        }

        if (b.Rank != 2)
        {
            throw new UnsupportedNodeException($"b must be a 2-D constant, got [{string.Join(",", b.Shape)}]");
        }

        if (a.Type != aq.Type || yq.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new InvalidDataException("a and its zero point must share a type; y must be uint8 or int8.");
        }

        int k = b.Shape[0];
        int n = b.Shape[1];
        PlanGemm(node, a, aq.ZeroPoints[0], aq.Scales[0], WeightsKxN(b, false), k, n, bq, null,
            new OutputSpec(OutputKind.Quantized, yq, float.NegativeInfinity, float.PositiveInfinity), MatMulShape(a, k, n), node.Output[0]);
    }

    private void PlanMatMulInteger(NodeProto node)
    {
        EngineValue a = Input(node, 0);
        EngineValue b = Constant(node, 1, "MatMulInteger B");
        EngineValue? aZero = OptionalInput(node, 2);
        EngineValue? bZero = OptionalInput(node, 3);
        if (aZero is not null && (!aZero.IsConstant || aZero.Count != 1))
        {
            throw new UnsupportedNodeException("a_zero_point must be a constant scalar (per-row activation zero points are not supported)");
        }

        if (b.Rank != 2)
        {
            throw new UnsupportedNodeException($"B must be a 2-D constant, got [{string.Join(",", b.Shape)}]");
        }

        int k = b.Shape[0];
        int n = b.Shape[1];
        int aZp = aZero is null ? 0 : aZero.Type == TensorElementType.Int8 ? aZero.Tensor.AsSpan<sbyte>()[0] : aZero.Tensor.Bytes[0];
        int[] bZps = bZero is null ? [0]
            : bZero.Type == TensorElementType.Int8 ? bZero.Tensor.AsSpan<sbyte>().ToArray().Select(z => (int)z).ToArray()
            : throw new UnsupportedNodeException($"b_zero_point is {bZero.Type}; int8 weights need an int8 zero point");
        if (bZps.Length != 1 && bZps.Length != n)
        {
            throw new InvalidDataException($"b_zero_point holds {bZps.Length} values; expected 1 or N = {n}.");
        }

        var bq = new QuantParams(new float[bZps.Length].Select(_ => 1f).ToArray(), bZps, TensorElementType.Int8);
        PlanGemm(node, a, aZp, 1f, WeightsKxN(b, false), k, n, bq, null,
            new OutputSpec(OutputKind.Int32, null, 0, 0), MatMulShape(a, k, n), node.Output[0]);
    }
}
