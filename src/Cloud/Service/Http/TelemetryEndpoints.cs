using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAi.Cloud.Service.Auth;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Telemetry;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>
/// Telemetry ingestion from nodes' store-and-forward outboxes (issue 6): <c>POST /edgeai/v1/telemetry</c>
/// stores a batch idempotently; <c>GET /edgeai/v1/telemetry</c> pages through what was stored.
/// </summary>
internal static class TelemetryEndpoints
{
    private const int MaxPage = 1000;

    /// <summary>Maps the endpoints; with no store (no <c>--telemetry-db</c>) they answer 404 saying so.</summary>
    public static void Map(IEndpointRouteBuilder app, TelemetryStore? store)
    {
        app.MapPost("/edgeai/v1/telemetry", context => IngestAsync(context, Require(store)));
        app.MapGet("/edgeai/v1/telemetry", context => QueryAsync(context, Require(store)));
    }

    private static TelemetryStore Require(TelemetryStore? store) =>
        store ?? throw new ProtocolException(StatusCodes.Status404NotFound, "telemetry ingestion is off: start the service with --telemetry-db FILE");

    private static async Task IngestAsync(HttpContext context, TelemetryStore store)
    {
        var limits = context.RequestServices.GetRequiredService<ServiceLimits>();
        var body = await RequestBody.ReadAsync(context.Request, limits.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        var (node, records) = TelemetryBatchParser.Parse(body);

        // With authentication on, a node writes only under its own token name, so one node cannot fill
        // (or deduplicate away) another node's streams.
        var client = BearerTokenMiddleware.ClientName(context);
        if (client is not null && node is not null && !string.Equals(client, node, StringComparison.Ordinal))
        {
            throw new ProtocolException(StatusCodes.Status403Forbidden, $"this token may only send telemetry as '{client}', not '{node}'");
        }

        node = client ?? node ?? throw new ProtocolException("'node' is required when authentication is off");
        var (accepted, duplicates) = await store.IngestAsync(node, records, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("node", node);
            writer.WriteNumber("accepted", accepted);
            writer.WriteNumber("duplicates", duplicates);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task QueryAsync(HttpContext context, TelemetryStore store)
    {
        var query = context.Request.Query;
        var node = Name(query["node"].ToString(), "node");
        var stream = Name(query["stream"].ToString(), "stream");
        var after = Number(query["after"].ToString(), "after", 0, long.MaxValue, 0);
        var limit = (int)Number(query["limit"].ToString(), "limit", 1, MaxPage, 100);
        var records = await store.QueryAsync(node, stream, after, limit, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("records");
            foreach (var stored in records)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", stored.Id);
                writer.WriteString("node", stored.Node);
                writer.WriteString("stream", stored.Record.Stream);
                writer.WriteString("key", stored.Record.Key);
                writer.WriteNumber("sequence", stored.Record.Sequence);
                writer.WriteString("timestamp", stored.Record.Timestamp);
                writer.WriteString("received_at", stored.ReceivedAt);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(stored.Record.Payload, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("next_after", records.Count > 0 ? records[^1].Id : after);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string? Name(string text, string what) =>
        text.Length == 0 ? null
        : TelemetryBatchParser.IsName(text) ? text
        : throw new ProtocolException($"'{what}' must be a name of letters, digits, '_', '-', '.'");

    private static long Number(string text, string what, long min, long max, long fallback)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"'{what}' must be an integer in {min}..{max}"));
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
