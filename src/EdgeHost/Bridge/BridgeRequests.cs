using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeAi.EdgeHost.Mqtt;
using MQTTnet;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// The bridge's request/response pair, after Zigbee2MQTT's: a request on
/// <c>&lt;base&gt;/&lt;node&gt;/bridge/request/&lt;op&gt;</c> with an optional JSON body <c>{"transaction": ...}</c> is answered on
/// <c>.../bridge/response/&lt;op&gt;</c> with <c>{"data": {...}, "status": "ok"|"error", "error"?, "transaction"?}</c>.
/// Operations: <c>health_check</c> and <c>restart_discovery</c>.
/// </summary>
internal sealed class BridgeRequests(TopicLayout topics, TimeProvider time, Func<bool> isConnected, Action restartDiscovery)
{
    private const int MaxRequestBytes = 1024;
    private const int MaxTransactionLength = 64;
    private static readonly string[] Operations = ["health_check", "restart_discovery"];
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly string _requestPrefix = topics.BridgeRequest(string.Empty);

    /// <summary>The response to publish, or null when <paramref name="message"/> is not a bridge request.</summary>
    public (string Topic, string Payload)? TryHandle(MqttApplicationMessage message)
    {
        if (!message.Topic.StartsWith(_requestPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var operation = message.Topic[_requestPrefix.Length..];
        if (message.Retain || operation.Length == 0 || operation.Contains('/', StringComparison.Ordinal))
        {
            return null; // a retained request is as stale as a retained command
        }

        var responseTopic = topics.BridgeResponse(operation);
        if (!TryReadTransaction(message.Payload, out var transaction, out var error))
        {
            return (responseTopic, Response(null, error, transaction: null));
        }

        switch (operation)
        {
            case "health_check":
                return (responseTopic, Response(
                    json =>
                    {
                        json.WriteBoolean("healthy", isConnected());
                        json.WriteNumber("uptime_seconds", Math.Round((time.GetUtcNow() - _startedAt).TotalSeconds));
                    },
                    null,
                    transaction));
            case "restart_discovery":
                restartDiscovery();
                return (responseTopic, Response(_ => { }, null, transaction));
            default:
                return (responseTopic, Response(null, $"unknown request; known requests are {string.Join(", ", Operations)}", transaction));
        }
    }

    private static bool TryReadTransaction(ReadOnlySequence<byte> payload, out JsonElement? transaction, out string? error)
    {
        transaction = null;
        error = null;
        if (payload.IsEmpty)
        {
            return true;
        }

        if (payload.Length > MaxRequestBytes)
        {
            error = $"request body is larger than {MaxRequestBytes} bytes";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 2 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "request body must be a JSON object";
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "transaction")
                {
                    error = "unknown field; a request accepts only 'transaction'";
                    return false;
                }

                var valid = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!.Length <= MaxTransactionLength,
                    JsonValueKind.Number => property.Value.GetRawText().Length <= MaxTransactionLength,
                    _ => false,
                };
                if (!valid)
                {
                    error = $"'transaction' must be a string or number of at most {MaxTransactionLength} characters";
                    return false;
                }

                transaction = property.Value.Clone();
            }

            return true;
        }
        catch (JsonException)
        {
            error = "request body is not valid JSON";
            return false;
        }
    }

    private static string Response(Action<Utf8JsonWriter>? data, string? error, JsonElement? transaction)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            data?.Invoke(json);
            json.WriteEndObject();
            json.WriteString("status", error is null ? "ok" : "error");
            if (error is not null)
            {
                json.WriteString("error", error);
            }

            if (transaction is { } t)
            {
                json.WritePropertyName("transaction");
                t.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
