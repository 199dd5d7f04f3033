using System.Globalization;
using System.Text.Json;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Telemetry;

/// <summary>
/// Reads <c>{"node"?: "...", "records": [{"stream", "key", "sequence", "timestamp", "payload"}]}</c>.
/// Any malformed record refuses the whole batch with 400, so a batch is stored entirely or not at all.
/// </summary>
internal static class TelemetryBatchParser
{
    /// <summary>Most records in one batch.</summary>
    public const int MaxRecords = 1000;

    /// <summary>Parses a batch.</summary>
    /// <returns>The node name given in the body (or null) and the records.</returns>
    public static (string? Node, List<TelemetryRecord> Records) Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"malformed JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new ProtocolException("the body must be an object with a 'records' array");
            }

            string? node = null;
            if (root.TryGetProperty("node", out var nodeElement))
            {
                node = nodeElement.ValueKind == JsonValueKind.String && IsName(nodeElement.GetString()!)
                    ? nodeElement.GetString()
                    : throw new ProtocolException("'node' must be a name of letters, digits, '_', '-', '.'");
            }

            if (records.GetArrayLength() > MaxRecords)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"a batch holds at most {MaxRecords} records"));
            }

            var result = new List<TelemetryRecord>();
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                result.Add(Record(record, index++));
            }

            return (node, result);
        }
    }

    private static TelemetryRecord Record(JsonElement record, int index)
    {
        string Fail(string what) => throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"records[{index}]: {what}"));
        if (record.ValueKind != JsonValueKind.Object)
        {
            Fail("must be an object");
        }

        var stream = record.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String && IsName(s.GetString()!)
            ? s.GetString()!
            : Fail("'stream' must be a name of letters, digits, '_', '-', '.'");
        var key = record.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && k.GetString()!.Length is > 0 and <= 128
            ? k.GetString()!
            : Fail("'key' must be a string of 1..128 characters");
        var sequence = record.TryGetProperty("sequence", out var q) && q.ValueKind == JsonValueKind.Number && q.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"records[{index}]: 'sequence' must be a non-negative integer"));
        var timestamp = record.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var at)
            ? at
            : throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"records[{index}]: 'timestamp' must be an ISO 8601 date and time"));
        var payload = record.TryGetProperty("payload", out var p)
            ? p.GetRawText()
            : Fail("has no 'payload'");
        return new TelemetryRecord(stream, key, sequence, timestamp, payload);
    }

    /// <summary>Node and stream names: one word, as token names are.</summary>
    public static bool IsName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
