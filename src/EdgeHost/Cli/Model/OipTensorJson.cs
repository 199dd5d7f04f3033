using System.Globalization;
using System.Text.Json;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>
/// Open Inference Protocol tensors in JSON for <c>edgeai model run</c>: the request's
/// <c>{"inputs":[{"name","shape","datatype","data"}]}</c> (data flat or nested, row-major) and the response's
/// <c>{"model_name","outputs":[...]}</c>.
/// </summary>
internal static class OipTensorJson
{
    /// <summary>One decoded request tensor.</summary>
    public sealed record RequestTensor(string Name, int[] Shape, TensorElementType ElementType, double[] Values);

    /// <summary>Parses a request; every problem is an <see cref="InvalidDataException"/> naming the tensor.</summary>
    public static IReadOnlyList<RequestTensor> ParseRequest(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The inputs are not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("The request must be an object with an \"inputs\" array.");
            }

            var result = new List<RequestTensor>();
            foreach (var input in inputs.EnumerateArray())
            {
                result.Add(ParseTensor(input));
            }

            if (result.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != result.Count)
            {
                throw new InvalidDataException("An input is given twice.");
            }

            return result;
        }
    }

    /// <summary>Copies <paramref name="values"/> into <paramref name="tensor"/> (exact for integers; range-checked).</summary>
    public static void Fill(Tensor tensor, RequestTensor values)
    {
        if (values.ElementType != tensor.ElementType)
        {
            throw new InvalidDataException($"Input '{values.Name}' is {TensorElementTypes.ToOip(values.ElementType)} but the model takes {TensorElementTypes.ToOip(tensor.ElementType)}.");
        }

        var v = values.Values;
        switch (tensor.ElementType)
        {
            case TensorElementType.Float32:
                var f = tensor.AsSpan<float>();
                for (int i = 0; i < v.Length; i++)
                {
                    f[i] = (float)v[i];
                }

                break;
            case TensorElementType.UInt8 or TensorElementType.Bool:
                var u = tensor.Bytes;
                for (int i = 0; i < v.Length; i++)
                {
                    u[i] = (byte)v[i];
                }

                break;
            case TensorElementType.Int8:
                var s = tensor.AsSpan<sbyte>();
                for (int i = 0; i < v.Length; i++)
                {
                    s[i] = (sbyte)v[i];
                }

                break;
            case TensorElementType.Int32:
                var n = tensor.AsSpan<int>();
                for (int i = 0; i < v.Length; i++)
                {
                    n[i] = (int)v[i];
                }

                break;
            case TensorElementType.Int64:
                var l = tensor.AsSpan<long>();
                for (int i = 0; i < v.Length; i++)
                {
                    l[i] = (long)v[i];
                }

                break;
        }
    }

    /// <summary>Writes the OIP response for <paramref name="outputs"/>.</summary>
    public static void WriteResponse(Stream stream, string modelName, IReadOnlyList<Tensor> outputs)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("model_name", modelName);
        json.WriteStartArray("outputs");
        foreach (var output in outputs)
        {
            json.WriteStartObject();
            json.WriteString("name", output.Name);
            json.WriteStartArray("shape");
            foreach (var d in output.Shape)
            {
                json.WriteNumberValue(d);
            }

            json.WriteEndArray();
            json.WriteString("datatype", TensorElementTypes.ToOip(output.ElementType));
            json.WriteStartArray("data");
            WriteData(json, output);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter json, Tensor tensor)
    {
        switch (tensor.ElementType)
        {
            case TensorElementType.Float32:
                foreach (var v in tensor.AsSpan<float>())
                {
                    if (float.IsFinite(v))
                    {
                        json.WriteNumberValue(v);
                    }
                    else
                    {
                        // JSON has no NaN/Infinity; the OIP JSON convention is the string form.
                        json.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
                    }
                }

                break;
            case TensorElementType.UInt8:
                foreach (var v in tensor.Bytes)
                {
                    json.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Bool:
                foreach (var v in tensor.Bytes)
                {
                    json.WriteBooleanValue(v != 0);
                }

                break;
            case TensorElementType.Int8:
                foreach (var v in tensor.AsSpan<sbyte>())
                {
                    json.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Int32:
                foreach (var v in tensor.AsSpan<int>())
                {
                    json.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Int64:
                foreach (var v in tensor.AsSpan<long>())
                {
                    json.WriteNumberValue(v);
                }

                break;
        }
    }

    private static RequestTensor ParseTensor(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException("Every input needs a \"name\".");
        }

        var name = nameElement.GetString()!;
        if (!input.TryGetProperty("datatype", out var datatype) || datatype.ValueKind != JsonValueKind.String
            || TensorElementTypes.FromOip(datatype.GetString()!) is not { } type)
        {
            throw new InvalidDataException($"Input '{name}': \"datatype\" must be one of FP32, UINT8, INT8, INT32, INT64, BOOL.");
        }

        if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"Input '{name}': \"shape\" must be an array of dimensions.");
        }

        var shape = new List<int>();
        long count = 1;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var dim) || dim < 0)
            {
                throw new InvalidDataException($"Input '{name}': shape dimensions must be non-negative integers.");
            }

            shape.Add(dim);
            count *= dim;
            if (count > 64L * 1024 * 1024)
            {
                throw new InvalidDataException($"Input '{name}': more than {64 * 1024 * 1024} elements.");
            }
        }

        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"Input '{name}': \"data\" must be an array (flat or nested).");
        }

        var values = new List<double>((int)count);
        Flatten(name, data, type, values);
        if (values.Count != count)
        {
            throw new InvalidDataException($"Input '{name}': shape [{string.Join(", ", shape)}] holds {count} values but data has {values.Count}.");
        }

        return new RequestTensor(name, [.. shape], type, [.. values]);
    }

    private static void Flatten(string name, JsonElement element, TensorElementType type, List<double> values)
    {
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(name, item, type, values);
                continue;
            }

            values.Add(type switch
            {
                TensorElementType.Bool when item.ValueKind is JsonValueKind.True or JsonValueKind.False => item.GetBoolean() ? 1 : 0,
                TensorElementType.Float32 when item.ValueKind == JsonValueKind.Number && float.IsFinite((float)item.GetDouble()) => item.GetDouble(),
                TensorElementType.UInt8 when item.ValueKind == JsonValueKind.Number && item.TryGetByte(out var u) => u,
                TensorElementType.Int8 when item.ValueKind == JsonValueKind.Number && item.TryGetSByte(out var s) => s,
                TensorElementType.Int32 when item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var i) => i,
                TensorElementType.Int64 when item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var l) && Math.Abs(l) <= (1L << 53) => l,
                _ => throw new InvalidDataException($"Input '{name}': {item.GetRawText()} is not a {TensorElementTypes.ToOip(type)} value."),
            });
        }
    }
}
