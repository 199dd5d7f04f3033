using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Runtime;

/// <summary>
/// A model's golden input and output: one input the model was checked on when it was made and the output it gave
/// then, stored in the ONNX file's <c>metadata_props</c> under <see cref="MetadataKey"/> (so it is covered by the
/// file's SHA-256 and the signed manifest). A node runs it before it swaps a model in and after, to prove the
/// bytes it loaded still compute what their maker saw.
/// </summary>
/// <remarks>Format: <c>{"input":[floats],"output":[floats],"tolerance":0.02}</c>; the input fills the model's
/// first input (float), the output is compared with its first output element by element.</remarks>
/// <param name="Input">Values of the first input tensor, row-major.</param>
/// <param name="Output">Expected values of the first output tensor, row-major.</param>
/// <param name="Tolerance">Largest accepted absolute difference per element.</param>
public sealed record ModelGolden(float[] Input, float[] Output, float Tolerance)
{
    /// <summary>The metadata key.</summary>
    public const string MetadataKey = "edgeai.golden";

    /// <summary>Reads the golden record of <paramref name="model"/>, or null when it has none.</summary>
    /// <exception cref="InvalidDataException">The record is present but malformed.</exception>
    public static ModelGolden? Read(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entry = model.MetadataProps.FirstOrDefault(p => p.Key == MetadataKey);
        if (entry is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(entry.Value);
            var root = document.RootElement;
            var input = Floats(root, "input");
            var output = Floats(root, "output");
            var tolerance = root.TryGetProperty("tolerance", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetSingle() : throw new InvalidDataException("'tolerance' must be a number");
            if (input.Length == 0 || output.Length == 0 || !(tolerance >= 0) || !float.IsFinite(tolerance))
            {
                throw new InvalidDataException("input and output must be non-empty and the tolerance a finite number >= 0");
            }

            return new ModelGolden(input, output, tolerance);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"The model's {MetadataKey} metadata is malformed: {e.Message}", e);
        }
    }

    /// <summary>Stores this record in <paramref name="model"/>'s metadata, replacing any previous one.</summary>
    public void WriteTo(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteArray(json, "input", Input);
            WriteArray(json, "output", Output);
            json.WriteNumber("tolerance", Tolerance);
            json.WriteEndObject();
        }

        for (int i = model.MetadataProps.Count - 1; i >= 0; i--)
        {
            if (model.MetadataProps[i].Key == MetadataKey)
            {
                model.MetadataProps.RemoveAt(i);
            }
        }

        model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataKey, Value = Encoding.UTF8.GetString(buffer.WrittenSpan) });
    }

    /// <summary>Runs the golden input through <paramref name="runner"/>; null when the output matches, else why not.</summary>
    public string? Check(IModelRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (runner.Inputs.Count == 0 || runner.Outputs.Count == 0)
        {
            return "the model has no input or no output";
        }

        var input = runner.Inputs[0];
        if (input.ElementType != TensorElementType.Float32 || input.ElementCount != Input.Length)
        {
            return $"the golden input has {Input.Length} values but the model's input '{input.Name}' is {input.ElementType} with {input.ElementCount}";
        }

        Input.CopyTo(input.AsSpan<float>());
        runner.Run();
        var output = runner.Outputs[0];
        if (output.ElementType != TensorElementType.Float32 || output.ElementCount != Output.Length)
        {
            return $"the golden output has {Output.Length} values but the model's output '{output.Name}' is {output.ElementType} with {output.ElementCount}";
        }

        var actual = output.AsSpan<float>();
        for (int i = 0; i < Output.Length; i++)
        {
            if (!(Math.Abs(actual[i] - Output[i]) <= Tolerance))
            {
                return string.Create(CultureInfo.InvariantCulture, $"output {i} is {actual[i]} where the golden record has {Output[i]} (tolerance {Tolerance})");
            }
        }

        return null;
    }

    private static float[] Floats(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{name}' must be an array of numbers");
        }

        var values = new float[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.ValueKind == JsonValueKind.Number ? item.GetSingle() : throw new InvalidDataException($"'{name}' must hold numbers only");
        }

        return values;
    }

    private static void WriteArray(Utf8JsonWriter json, string name, float[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
