using System.Text.Json;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// Reads an inference request's JSON with <see cref="Utf8JsonReader"/>. Tensor <c>data</c> arrays are only
/// located here, not decoded: their datatype may come after them in the object, and decoding straight into
/// the tensor's byte layout later avoids an intermediate object tree.
/// </summary>
internal static class InferRequestParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="json"/>.</summary>
    /// <exception cref="ProtocolException">400 with what is wrong.</exception>
    public static InferRequest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            return ReadRequest(ref reader);
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"malformed JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader's typed getters throw this on a token of the wrong kind.
            throw new ProtocolException($"malformed request: {e.Message}", e);
        }
    }

    private static InferRequest ReadRequest(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "the request must be a JSON object");
        string? id = null;
        JsonElement? parameters = null;
        List<InferInputRequest>? inputs = null;
        List<InferOutputRequest>? outputs = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "id":
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new ProtocolException("'id' must be a string");
                    break;
                case "parameters":
                    parameters = ReadParameters(ref reader, "parameters");
                    break;
                case "inputs":
                    inputs = ReadArray(ref reader, "inputs", ReadInput);
                    break;
                case "outputs":
                    outputs = ReadArray(ref reader, "outputs", ReadOutput);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.Read())
        {
            throw new ProtocolException("unexpected data after the request object");
        }

        if (inputs is null || inputs.Count == 0)
        {
            throw new ProtocolException("the request has no 'inputs'");
        }

        return new InferRequest(id, parameters, inputs, outputs);
    }

    private static InferInputRequest ReadInput(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "each input must be an object");
        string? name = null, datatype = null;
        long[]? shape = null;
        var dataOffset = -1;
        JsonElement? parameters = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "name":
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new ProtocolException("input 'name' must be a string");
                    break;
                case "datatype":
                    datatype = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new ProtocolException("input 'datatype' must be a string");
                    break;
                case "shape":
                    shape = ReadShape(ref reader);
                    break;
                case "parameters":
                    parameters = ReadParameters(ref reader, "input parameters");
                    break;
                case "data":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new ProtocolException($"input '{name ?? "?"}': 'data' must be an array");
                    }

                    dataOffset = checked((int)reader.TokenStartIndex);
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new ProtocolException("an input has no 'name'");
        }

        if (datatype is null)
        {
            throw new ProtocolException($"input '{name}' has no 'datatype'");
        }

        if (shape is null)
        {
            throw new ProtocolException($"input '{name}' has no 'shape'");
        }

        long? binarySize = null;
        if (parameters is { } p && p.TryGetProperty("binary_data_size", out var size))
        {
            binarySize = size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var s) && s >= 0
                ? s
                : throw new ProtocolException($"input '{name}': binary_data_size must be a non-negative integer");
        }

        if ((dataOffset >= 0) == binarySize.HasValue)
        {
            throw new ProtocolException($"input '{name}' needs exactly one of 'data' and the binary_data_size parameter");
        }

        return new InferInputRequest(name, datatype, shape, dataOffset, binarySize, parameters);
    }

    private static InferOutputRequest ReadOutput(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "each requested output must be an object");
        string? name = null;
        bool? binary = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "name":
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new ProtocolException("output 'name' must be a string");
                    break;
                case "parameters":
                    var parameters = ReadParameters(ref reader, "output parameters");
                    if (parameters.TryGetProperty("binary_data", out var flag))
                    {
                        binary = flag.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => throw new ProtocolException("output parameter binary_data must be true or false"),
                        };
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return string.IsNullOrEmpty(name) ? throw new ProtocolException("a requested output has no 'name'") : new InferOutputRequest(name, binary);
    }

    private static long[] ReadShape(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "'shape' must be an array of non-negative integers");
        var shape = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                throw new ProtocolException("'shape' must be an array of non-negative integers");
            }

            shape.Add(dim);
        }

        return [.. shape];
    }

    private static JsonElement ReadParameters(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ProtocolException($"'{what}' must be an object");
        }

        var element = JsonElement.ParseValue(ref reader);
        foreach (var property in element.EnumerateObject())
        {
            // OIP: "$parameters ... each parameter value is a string, number or boolean".
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw new ProtocolException($"{what}: '{property.Name}' must be a string, number or boolean");
            }
        }

        return element;
    }

    private delegate T ItemReader<out T>(ref Utf8JsonReader reader);

    private static List<T> ReadArray<T>(ref Utf8JsonReader reader, string what, ItemReader<T> item)
    {
        Expect(ref reader, JsonTokenType.StartArray, $"'{what}' must be an array");
        var items = new List<T>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            items.Add(item(ref reader));
        }

        return items;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != type)
        {
            throw new ProtocolException(message);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new ProtocolException("the JSON ends too early");
}
