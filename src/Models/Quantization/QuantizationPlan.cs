using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Quantization;

/// <summary>Which nodes of a float graph run in int8 and which activations get a QuantizeLinear/DequantizeLinear pair.</summary>
internal sealed class QuantizationPlan
{
    private QuantizationPlan(List<QuantizedOperator> operators, List<string> activations, List<NodeProto> floatNodes)
    {
        Operators = operators;
        Activations = activations;
        FloatNodes = floatNodes;
    }

    public IReadOnlyList<QuantizedOperator> Operators { get; }

    /// <summary>Activation tensors that get Q → DQ, in graph order (graph input first).</summary>
    public IReadOnlyList<string> Activations { get; }

    public IReadOnlyList<NodeProto> FloatNodes { get; }

    public static QuantizationPlan Build(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Node)
        {
            foreach (string input in node.Input)
            {
                if (!consumers.TryGetValue(input, out List<NodeProto>? list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        int Uses(string name) => consumers.TryGetValue(name, out List<NodeProto>? list) ? list.Count : 0;
        NodeProto? SoleConsumer(string tensor, string opType) =>
            !graphOutputs.Contains(tensor) && consumers.TryGetValue(tensor, out List<NodeProto>? list) && list.Count == 1 && list[0].OpType == opType
                ? list[0]
                : null;
        bool IsFloatWeight(string name, int rank) =>
            initializers.TryGetValue(name, out TensorProto? t) && t.DataType == (int)DataType.Float && t.Dims.Count == rank && Uses(name) == 1
            && !graph.Input.Any(i => i.Name == name);
        bool IsBias(string name, long length) =>
            initializers.TryGetValue(name, out TensorProto? t) && t.DataType == (int)DataType.Float && t.Dims.Count == 1 && t.Dims[0] == length
            && Uses(name) == 1;

        var operators = new List<QuantizedOperator>();
        var fused = new HashSet<NodeProto>();
        foreach (NodeProto node in graph.Node)
        {
            if (node.Input.Count < 2 || initializers.ContainsKey(node.Input[0]))
            {
                continue;
            }

            string activation = node.Input[0], weight = node.Input[1];
            string? bias = null;
            NodeProto? biasAdd = null;
            int axis;
            long channels;
            switch (node.OpType)
            {
                case "MatMul" when IsFloatWeight(weight, 2):
                    axis = 1;
                    channels = initializers[weight].Dims[1];
                    break;
                case "Gemm" when IsFloatWeight(weight, 2) && Attribute(node, "alpha", 1f) == 1f && Attribute(node, "transA", 0) == 0:
                    axis = Attribute(node, "transB", 0) == 1 ? 0 : 1;
                    channels = initializers[weight].Dims[axis];
                    if (node.Input.Count > 2 && node.Input[2].Length > 0)
                    {
                        if (!IsBias(node.Input[2], channels) || Attribute(node, "beta", 1f) != 1f)
                        {
                            continue;
                        }

                        bias = node.Input[2];
                    }

                    break;
                case "Conv" when initializers.TryGetValue(weight, out TensorProto? w) && IsFloatWeight(weight, w.Dims.Count) && w.Dims.Count >= 3:
                    axis = 0;
                    channels = w.Dims[0];
                    if (node.Input.Count > 2 && node.Input[2].Length > 0)
                    {
                        if (!IsBias(node.Input[2], channels))
                        {
                            continue;
                        }

                        bias = node.Input[2];
                    }

                    break;
                default:
                    continue;
            }

            string output = node.Output[0];
            if (node.OpType == "MatMul" && SoleConsumer(output, "Add") is { } add)
            {
                string other = add.Input[0] == output ? add.Input[1] : add.Input[0];
                if (add.Input.Count == 2 && IsBias(other, channels))
                {
                    biasAdd = add;
                    bias = other;
                    output = add.Output[0];
                    fused.Add(add);
                }
            }

            NodeProto? relu = SoleConsumer(output, "Relu");
            if (relu is not null)
            {
                output = relu.Output[0];
                fused.Add(relu);
            }

            operators.Add(new QuantizedOperator(node, activation, weight, axis, bias, biasAdd, relu, output));
        }

        var quantizedNodes = operators.Select(o => o.Node).ToHashSet();
        var wanted = operators.SelectMany(o => new[] { o.Activation, o.Output }).ToHashSet(StringComparer.Ordinal);
        var activations = new List<string>();
        foreach (string name in graph.Input.Select(i => i.Name).Concat(graph.Node.SelectMany(n => n.Output)))
        {
            if (wanted.Remove(name))
            {
                activations.Add(name);
            }
        }

        List<NodeProto> floatNodes = graph.Node.Where(n => !quantizedNodes.Contains(n) && !fused.Contains(n)).ToList();
        return new QuantizationPlan(operators, activations, floatNodes);
    }

    public static long Attribute(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    public static float Attribute(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;
}
