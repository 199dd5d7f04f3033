using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace EdgeAi.Cloud.Client.Oip;

/// <summary>Writes OIP requests and reads OIP responses (the JSON layout of the service's docs/cloud.md).</summary>
internal static class OipJson
{
    public static byte[] WriteInferRequest(IReadOnlyList<InferTensor> inputs, IReadOnlyList<string>? outputs, string? id)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            writer.WriteStartArray("inputs");
            foreach (var input in inputs)
            {
                Validate(input);
                writer.WriteStartObject();
                writer.WriteString("name", input.Name);
                writer.WriteStartArray("shape");
                foreach (var dim in input.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteString("datatype", input.Datatype);
                writer.WriteStartArray("data");
                WriteData(writer, input);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (outputs is not null)
            {
                writer.WriteStartArray("outputs");
                foreach (var output in outputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", output);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static InferResult ReadInferResult(JsonElement root)
    {
        var outputs = new List<InferTensor>();
        foreach (var output in root.GetProperty("outputs").EnumerateArray())
        {
            var name = output.GetProperty("name").GetString()!;
            var datatype = output.GetProperty("datatype").GetString()!;
            var shape = Shape(output.GetProperty("shape"));
            if (!output.TryGetProperty("data", out var data))
            {
                throw new CloudRequestException($"output '{name}' has no JSON data (binary outputs are not requested by this client)");
            }

            outputs.Add(InferTensor.IsIntegerType(datatype)
                ? new InferTensor(name, shape, datatype, [.. data.EnumerateArray().Select(v => v.GetInt64())], null)
                : new InferTensor(name, shape, datatype, null, [.. data.EnumerateArray().Select(Real)]));
        }

        return new InferResult(
            root.GetProperty("model_name").GetString()!,
            root.TryGetProperty("model_version", out var version) ? version.GetString() : null,
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            outputs);
    }

    public static ModelMetadata ReadModelMetadata(JsonElement root) =>
        new(
            root.GetProperty("name").GetString()!,
            root.TryGetProperty("versions", out var versions) ? [.. versions.EnumerateArray().Select(v => v.GetString()!)] : [],
            root.TryGetProperty("platform", out var platform) ? platform.GetString() ?? string.Empty : string.Empty,
            Tensors(root, "inputs"),
            Tensors(root, "outputs"));

    private static List<TensorMetadata> Tensors(JsonElement root, string property) =>
        root.TryGetProperty(property, out var tensors)
            ? [.. tensors.EnumerateArray().Select(t => new TensorMetadata(t.GetProperty("name").GetString()!, t.GetProperty("datatype").GetString()!, Shape(t.GetProperty("shape"))))]
            : [];

    private static long[] Shape(JsonElement shape) => [.. shape.EnumerateArray().Select(d => d.GetInt64())];

    private static double Real(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => value.GetDouble(),
    };

    private static void WriteData(Utf8JsonWriter writer, InferTensor input)
    {
        if (input.Integers is not null)
        {
            foreach (var value in input.Integers)
            {
                writer.WriteNumberValue(value);
            }
        }
        else if (input.Datatype == "BOOL")
        {
            foreach (var value in input.Reals!)
            {
                writer.WriteBooleanValue(value != 0);
            }
        }
        else if (input.Datatype == "FP32")
        {
            // Written as float so the shortest round-trip text of the FP32 value goes out, not its double widening.
            foreach (var value in input.Reals!)
            {
                writer.WriteNumberValue((float)value);
            }
        }
        else
        {
            foreach (var value in input.Reals!)
            {
                writer.WriteNumberValue(value);
            }
        }
    }

    private static void Validate(InferTensor input)
    {
        if (!InferTensor.IsSupportedType(input.Datatype))
        {
            throw new ArgumentException($"input '{input.Name}': datatype '{input.Datatype}' is not supported", nameof(input));
        }

        if (InferTensor.IsIntegerType(input.Datatype) != (input.Integers is not null) || (input.Integers is null) == (input.Reals is null))
        {
            throw new ArgumentException($"input '{input.Name}': {input.Datatype} data must be given as {(InferTensor.IsIntegerType(input.Datatype) ? "integers" : "reals")}", nameof(input));
        }

        long count = 1;
        foreach (var dim in input.Shape)
        {
            count = dim < 0 ? -1 : count * dim;
        }

        var length = input.Integers?.Count ?? input.Reals!.Count;
        if (count != length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"input '{input.Name}': shape holds {count} elements, data has {length}"), nameof(input));
        }
    }
}
