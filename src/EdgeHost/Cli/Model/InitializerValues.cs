using System.Buffers.Binary;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>Reads small float initializers (scales) of a model, from <c>float_data</c> or little-endian <c>raw_data</c>.</summary>
internal static class InitializerValues
{
    /// <summary>The values of the float initializer <paramref name="name"/>, or null when there is none of that type.</summary>
    public static float[]? Floats(ModelProto model, string name)
    {
        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == name);
        if (tensor is null || tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            return null;
        }

        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var raw = tensor.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }

        return values;
    }
}
