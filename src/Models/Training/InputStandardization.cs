using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;

namespace EdgeAi.Models.Training;

/// <summary>
/// Puts input standardization into a model: y = (x + offset) · scale with offset = -mean and scale = 1/std per
/// input element, as two float nodes (<c>Add</c>, <c>Mul</c>) in front of the graph, so the node feeds raw sensor
/// readings and the model sees what it was trained on. Both engines run these float ops; the quantizer leaves them
/// in float and quantizes after them.
/// </summary>
public static class InputStandardization
{
    /// <summary>Rewrites <paramref name="model"/>'s first input to pass through the standardization.</summary>
    /// <exception cref="ArgumentException">The statistics do not have one value per input element (batch excluded).</exception>
    public static void Prepend(ModelProto model, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph ?? throw new ArgumentException("The model has no graph.", nameof(model));
        var input = graph.Input[0];
        var dims = input.Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue).ToArray();
        long size = dims.Aggregate(1L, (a, d) => a * d);
        if (mean.Length != size || invStd.Length != size)
        {
            throw new ArgumentException($"Standardization needs {size} values per statistic (input '{input.Name}' without the batch); got {mean.Length} and {invStd.Length}.", nameof(mean));
        }

        string raw = input.Name;
        string standardized = raw + "_standardized";
        foreach (var node in graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == raw)
                {
                    node.Input[i] = standardized;
                }
            }
        }

        var offset = new float[mean.Length];
        for (int i = 0; i < offset.Length; i++)
        {
            offset[i] = -mean[i];
        }

        graph.Initializer.Add(Float(raw + "_offset", dims, offset));
        graph.Initializer.Add(Float(raw + "_scale", dims, invStd.ToArray()));
        graph.Node.Insert(0, new NodeProto { OpType = "Mul", Name = raw + "_scale_mul", Input = { raw + "_centered", raw + "_scale" }, Output = { standardized } });
        graph.Node.Insert(0, new NodeProto { OpType = "Add", Name = raw + "_offset_add", Input = { raw, raw + "_offset" }, Output = { raw + "_centered" } });
    }

    private static TensorProto Float(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }
}
