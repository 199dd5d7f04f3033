using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// Writes the <c>$inference_response</c> (OIP inference_rest.md, "Inference Response JSON Object") with
/// <see cref="Utf8JsonWriter"/>: output data flat and row-major, or, for outputs asked as binary, a
/// <c>binary_data_size</c> parameter with the bytes appended after the JSON (binary tensor extension).
/// </summary>
internal static class InferResponseWriter
{
    /// <summary>Encodes the response.</summary>
    /// <param name="modelName">Model that answered.</param>
    /// <param name="version">Version that answered.</param>
    /// <param name="request">The request (its id and parameters are echoed).</param>
    /// <param name="outputs">The requested outputs, matching <paramref name="tensors"/> by index.</param>
    /// <param name="tensors">The computed outputs.</param>
    public static InferResponse Write(string modelName, long version, InferRequest request, IReadOnlyList<InferOutputRequest> outputs, IReadOnlyList<InferenceTensor> tensors)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var binary = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", modelName);
            writer.WriteString("model_version", version.ToString(CultureInfo.InvariantCulture));
            if (request.Id is not null)
            {
                writer.WriteString("id", request.Id);
            }

            if (request.Parameters is { } parameters)
            {
                // Request parameters are passed through so a client can correlate its own tags.
                writer.WritePropertyName("parameters");
                parameters.WriteTo(writer);
            }

            writer.WriteStartArray("outputs");
            for (var i = 0; i < tensors.Count; i++)
            {
                var tensor = tensors[i];
                writer.WriteStartObject();
                writer.WriteString("name", tensor.Name);
                writer.WriteString("datatype", tensor.DataType.ToProtocolName());
                writer.WriteStartArray("shape");
                foreach (var dim in tensor.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                if (outputs[i].Binary == true)
                {
                    writer.WriteStartObject("parameters");
                    writer.WriteNumber("binary_data_size", tensor.Data.Length);
                    writer.WriteEndObject();
                    binary.Add(tensor.Data);
                }
                else
                {
                    writer.WriteStartArray("data");
                    WriteData(writer, tensor);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new InferResponse(buffer.WrittenMemory, binary);
    }

    private static void WriteData(Utf8JsonWriter writer, InferenceTensor tensor)
    {
        var bytes = tensor.Data.Span;
        var size = tensor.DataType.ElementSize();
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var element = bytes.Slice(offset, size);
            switch (tensor.DataType)
            {
                case TensorDataType.Bool:
                    writer.WriteBooleanValue(element[0] != 0);
                    break;
                case TensorDataType.UInt8:
                    writer.WriteNumberValue(element[0]);
                    break;
                case TensorDataType.UInt16:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(element));
                    break;
                case TensorDataType.UInt32:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(element));
                    break;
                case TensorDataType.UInt64:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(element));
                    break;
                case TensorDataType.Int8:
                    writer.WriteNumberValue((sbyte)element[0]);
                    break;
                case TensorDataType.Int16:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(element));
                    break;
                case TensorDataType.Int32:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(element));
                    break;
                case TensorDataType.Int64:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(element));
                    break;
                case TensorDataType.Fp32:
                    writer.WriteNumberValue(Finite(BinaryPrimitives.ReadSingleLittleEndian(element), tensor.Name));
                    break;
                case TensorDataType.Fp64:
                    writer.WriteNumberValue(Finite(BinaryPrimitives.ReadDoubleLittleEndian(element), tensor.Name));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(tensor), tensor.DataType, "unknown datatype");
            }
        }
    }

    private static T Finite<T>(T value, string name)
        where T : INumberBase<T> =>
        T.IsFinite(value)
            ? value
            : throw new ProtocolException(
                StatusCodes.Status500InternalServerError,
                $"output '{name}' holds NaN or infinity, which JSON cannot carry; request it with the binary_data parameter");
}
