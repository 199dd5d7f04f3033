using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Training;

/// <summary>The graph a <see cref="SequentialModel"/> is exported into, one layer at a time.</summary>
internal sealed class OnnxExport(GraphProto graph)
{
    public GraphProto Graph { get; } = graph;

    public void AddInitializer(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values) =>
        Graph.Initializer.Add(OnnxProtoFactory.Float(name, dims, values));

    public string AddNode(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        Graph.Node.Add(OnnxProtoFactory.Node(opType, name, inputs, name, attributes));
        return name;
    }
}
