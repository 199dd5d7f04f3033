using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeAi.EdgeHost.Commands;

/// <summary>
/// The one gate every command payload passes before any device is touched. It decodes strict UTF-8, enforces
/// a size limit, and checks the payload against the topic's <see cref="CommandSchema"/>: wrong type, wrong
/// format, unknown or duplicate field, nested JSON, non-finite or out-of-range number are all rejected with a
/// reason that never echoes the payload (it may be huge, binary or a secret such as a lock code).
/// </summary>
public static class CommandValidator
{
    /// <summary>Largest accepted payload; commands are short words or small JSON objects.</summary>
    public const int MaxPayloadBytes = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Validates <paramref name="payload"/>; on failure <paramref name="reason"/> says why and the value is null.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> payload, CommandSchema schema, out CommandValue? value, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(schema);
        value = null;
        if (payload.Length > MaxPayloadBytes)
        {
            reason = $"payload is {payload.Length} bytes; at most {MaxPayloadBytes} are accepted";
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            reason = "payload is not valid UTF-8";
            return false;
        }

        if (schema is ObjectSchema objectSchema)
        {
            return TryObject(payload, objectSchema, out value, out reason);
        }

        return TryScalar(text, schema, out value, out reason);
    }

    private static bool TryScalar(string text, CommandSchema schema, out CommandValue? value, out string? reason)
    {
        value = null;
        switch (schema)
        {
            case WordSchema word:
                if (word.Allowed.Contains(text, StringComparer.Ordinal))
                {
                    value = CommandValue.OfText(text);
                    reason = null;
                    return true;
                }

                reason = $"expected one of {string.Join(", ", word.Allowed.Select(w => $"'{w}'"))}";
                return false;

            case NumberSchema number:
                if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed))
                {
                    reason = $"expected a number {Range(number)}";
                    return false;
                }

                return TryNumber(parsed, number, out value, out reason);

            case TextSchema pattern:
                if (pattern.Pattern.IsMatch(text))
                {
                    value = CommandValue.OfText(text);
                    reason = null;
                    return true;
                }

                reason = $"expected {pattern.Description}";
                return false;

            default:
                reason = "expected a JSON object";
                return false;
        }
    }

    private static bool TryNumber(double parsed, NumberSchema number, out CommandValue? value, out string? reason)
    {
        value = null;
        if (!double.IsFinite(parsed))
        {
            reason = $"expected a finite number {Range(number)}";
            return false;
        }

        if (number.WholeNumbers && Math.Floor(parsed) != parsed)
        {
            reason = $"expected a whole number {Range(number)}";
            return false;
        }

        if (parsed < number.Min || parsed > number.Max)
        {
            reason = $"value is out of range: allowed {Range(number)}";
            return false;
        }

        value = CommandValue.OfNumber(parsed);
        reason = null;
        return true;
    }

    private static string Range(NumberSchema number) =>
        string.Create(CultureInfo.InvariantCulture, $"from {number.Min} to {number.Max}{(number.Unit.Length > 0 ? " " + number.Unit : string.Empty)}");

    private static bool TryObject(ReadOnlySpan<byte> payload, ObjectSchema schema, out CommandValue? value, out string? reason)
    {
        value = null;
        var fields = new Dictionary<string, CommandValue>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 2, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = "expected a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!schema.Fields.TryGetValue(name, out var fieldSchema))
                {
                    reason = $"unknown field; accepted fields are {string.Join(", ", schema.Fields.Keys.Select(k => $"'{k}'"))}";
                    return false;
                }

                if (fields.ContainsKey(name))
                {
                    reason = $"field '{name}' appears twice";
                    return false;
                }

                reader.Read();
                if (!TryField(ref reader, name, fieldSchema, out var field, out reason))
                {
                    return false;
                }

                fields[name] = field!;
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                reason = "expected a single flat JSON object";
                return false;
            }
        }
        catch (JsonException)
        {
            reason = "payload is not valid JSON (or is nested)";
            return false;
        }

        var missing = schema.Required.FirstOrDefault(r => !fields.ContainsKey(r));
        if (missing is not null)
        {
            reason = $"field '{missing}' is required";
            return false;
        }

        value = CommandValue.OfFields(fields);
        reason = null;
        return true;
    }

    private static bool TryField(ref Utf8JsonReader reader, string name, CommandSchema schema, out CommandValue? value, out string? reason)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when schema is WordSchema or TextSchema:
                if (TryScalar(reader.GetString()!, schema, out value, out reason))
                {
                    return true;
                }

                reason = $"field '{name}': {reason}";
                return false;

            case JsonTokenType.Number when schema is NumberSchema number:
                if (!reader.TryGetDouble(out var parsed))
                {
                    reason = $"field '{name}': number out of range";
                    return false;
                }

                if (TryNumber(parsed, number, out value, out reason))
                {
                    return true;
                }

                reason = $"field '{name}': {reason}";
                return false;

            default:
                reason = $"field '{name}' has the wrong type: expected {(schema is NumberSchema ? "a number" : "a string")}";
                return false;
        }
    }
}
