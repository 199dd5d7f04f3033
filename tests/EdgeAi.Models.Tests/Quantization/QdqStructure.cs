using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Tests.Onnx;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Tests.Quantization;

/// <summary>
/// Checks a QDQ graph against the pattern the native engine fuses: DQ(Q(x)) and DQ(int8 w, axis) → op
/// [→ Add DQ(int32 bias)] [→ Relu] → Q → DQ, with every Q reading a graph input, a quantized op's input or a
/// quantized op's output, and float graph outputs.
/// </summary>
public sealed class QdqStructure(GraphProto graph)
{
    private readonly Dictionary<string, NodeProto> _producer = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
    private readonly Dictionary<string, TensorProto> _initializers = graph.Initializer.ToDictionary(t => t.Name);

    public IEnumerable<NodeProto> QuantizedOps => graph.Node.Where(n => n.OpType is "MatMul" or "Gemm" or "Conv");

    public void AssertOp(NodeProto op, int expectedAxis)
    {
        NodeProto xDq = Producer(op.Input[0], "DequantizeLinear");
        Producer(xDq.Input[0], "QuantizeLinear");
        float xScale = Scalar(xDq.Input[1]);
        Assert.Equal((int)DataType.Uint8, _initializers[xDq.Input[2]].DataType);

        NodeProto wDq = Producer(op.Input[1], "DequantizeLinear");
        Assert.Equal(expectedAxis, wDq.Attribute.Single(a => a.Name == "axis").I);
        TensorProto w = _initializers[wDq.Input[0]];
        Assert.Equal((int)DataType.Int8, w.DataType);
        Assert.All(TensorValues.AsDoubles(w), v => Assert.InRange(v, -127, 127));
        Assert.Contains(TensorValues.AsDoubles(w), v => Math.Abs(v) == 127);
        double[] wScale = TensorValues.AsDoubles(_initializers[wDq.Input[1]]);
        Assert.Equal(w.Dims[expectedAxis], wScale.Length);
        Assert.All(wScale, s => Assert.True(s > 0));
        TensorProto wZero = _initializers[wDq.Input[2]];
        Assert.Equal((int)DataType.Int8, wZero.DataType);
        Assert.All(TensorValues.AsDoubles(wZero), z => Assert.Equal(0, z));

        string output = op.Output[0];
        if (op.Input.Count > 2)
        {
            AssertBias(op.Input[2], xScale, wScale);
        }
        else if (SoleConsumer(output) is { OpType: "Add" } add)
        {
            AssertBias(add.Input[0] == output ? add.Input[1] : add.Input[0], xScale, wScale);
            output = add.Output[0];
        }

        if (SoleConsumer(output) is { OpType: "Relu" } relu)
        {
            output = relu.Output[0];
        }

        NodeProto q = SoleConsumer(output) ?? throw new Xunit.Sdk.XunitException($"{op.Name}: '{output}' has several readers");
        Assert.Equal("QuantizeLinear", q.OpType);
        Assert.Equal("DequantizeLinear", SoleConsumer(q.Output[0])!.OpType);
    }

    public void AssertQuantizeOnlyAtQuantizedOps()
    {
        var allowed = graph.Input.Select(i => i.Name).ToHashSet();
        foreach (NodeProto op in QuantizedOps)
        {
            string output = op.Output[0];
            while (SoleConsumer(output) is { OpType: "Add" or "Relu" } next)
            {
                output = next.Output[0];
            }

            allowed.Add(output);
            allowed.Add(Producer(Producer(op.Input[0], "DequantizeLinear").Input[0], "QuantizeLinear").Input[0]);
        }

        Assert.All(graph.Node.Where(n => n.OpType == "QuantizeLinear"), q => Assert.Contains(q.Input[0], allowed));
        Assert.All(graph.Output, o => Assert.Equal((int)DataType.Float, o.Type.TensorType.ElemType));
    }

    public NodeProto Producer(string tensor, string opType)
    {
        Assert.True(_producer.TryGetValue(tensor, out NodeProto? node), $"'{tensor}' has no producer");
        Assert.Equal(opType, node!.OpType);
        return node;
    }

    private void AssertBias(string tensor, float xScale, double[] wScale)
    {
        NodeProto dq = Producer(tensor, "DequantizeLinear");
        Assert.Equal((int)DataType.Int32, _initializers[dq.Input[0]].DataType);
        Assert.Equal((int)DataType.Int32, _initializers[dq.Input[2]].DataType);
        Assert.All(TensorValues.AsDoubles(_initializers[dq.Input[2]]), z => Assert.Equal(0, z));
        double[] scale = TensorValues.AsDoubles(_initializers[dq.Input[1]]);
        for (int c = 0; c < scale.Length; c++)
        {
            Assert.Equal((double)(xScale * (float)wScale[c]), scale[c]);
        }
    }

    private NodeProto? SoleConsumer(string tensor)
    {
        var readers = graph.Node.Where(n => n.Input.Contains(tensor)).ToList();
        return readers.Count == 1 ? readers[0] : null;
    }

    private float Scalar(string name) => (float)TensorValues.AsDoubles(_initializers[name]).Single();
}
