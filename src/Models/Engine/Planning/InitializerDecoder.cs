using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>
/// Decodes initializers and Constant tensors into pinned <see cref="Tensor"/>s: raw_data (little-endian, copied
/// as-is: every platform .NET runs this engine on is little-endian) or the typed fields onnx.proto assigns to each
/// type (float_data; int32_data for uint8, int8, int32 and bool; int64_data).
/// </summary>
internal static class InitializerDecoder
{
    /// <summary>Decodes <paramref name="proto"/> or says why the engine cannot hold it.</summary>
    /// <exception cref="UnsupportedNodeException">A data type the engine does not run.</exception>
    /// <exception cref="InvalidDataException">The data does not match the type and shape.</exception>
    public static Tensor Decode(TensorProto proto, string name)
    {
        TensorElementType type = TensorElementTypes.FromOnnx(proto.DataType)
            ?? throw new UnsupportedNodeException($"tensor '{name}' has data type {(DataType)proto.DataType}, which the native engine does not run");
        var shape = new int[proto.Dims.Count];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long d = proto.Dims[i];
            if (d < 0 || d > int.MaxValue)
            {
                throw new InvalidDataException($"Tensor '{name}': dimension {d} is out of range.");
            }

            shape[i] = (int)d;
            count *= d;
        }

        if (proto.DataLocation == DataLocation.External)
        {
            throw new InvalidDataException($"Tensor '{name}': external data is not supported.");
        }

        var tensor = new Tensor(name, type, shape);
        int size = TensorElementTypes.SizeOf(type);
        if (proto.HasRawData)
        {
            if (proto.RawData.Length != count * size)
            {
                throw new InvalidDataException($"Tensor '{name}': raw_data holds {proto.RawData.Length} bytes but {count} elements of {type} need {count * size}.");
            }

            proto.RawData.Span.CopyTo(tensor.Bytes);
            return tensor;
        }

        switch (type)
        {
            case TensorElementType.Float32:
                Expect(proto.FloatData.Count, count, name, "float_data");
                for (int i = 0; i < count; i++)
                {
                    tensor.AsSpan<float>()[i] = proto.FloatData[i];
                }

                break;
            case TensorElementType.Int64:
                Expect(proto.Int64Data.Count, count, name, "int64_data");
                for (int i = 0; i < count; i++)
                {
                    tensor.AsSpan<long>()[i] = proto.Int64Data[i];
                }

                break;
            case TensorElementType.Int32:
                Expect(proto.Int32Data.Count, count, name, "int32_data");
                for (int i = 0; i < count; i++)
                {
                    tensor.AsSpan<int>()[i] = proto.Int32Data[i];
                }

                break;
            default: // uint8, int8, bool: one int32_data entry per element
                Expect(proto.Int32Data.Count, count, name, "int32_data");
                for (int i = 0; i < count; i++)
                {
                    tensor.Bytes[i] = unchecked((byte)proto.Int32Data[i]);
                }

                break;
        }

        return tensor;
    }

    private static void Expect(int entries, long count, string name, string field)
    {
        if (entries != count)
        {
            throw new InvalidDataException($"Tensor '{name}': {field} holds {entries} values but its shape needs {count}.");
        }
    }
}
