using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeAi.Cloud.Client.Logging;
using EdgeAi.Cloud.Client.Oip;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Client.Telemetry;

/// <summary>
/// Drains a <see cref="TelemetryOutbox"/> to <c>POST /edgeai/v1/telemetry</c>: per stream, oldest first, in
/// batches; a batch leaves the outbox only after the service confirmed it. The service deduplicates by
/// (node, stream, key), so a batch re-sent after a lost response is stored once. The first failure stops the
/// drain (order is kept; the records stay queued for the next one). One drain at a time.
/// </summary>
public sealed class TelemetryForwarder
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly TelemetryOutbox _outbox;
    private readonly HttpClient _http;
    private readonly CloudHttp _cloud;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the forwarder.</summary>
    public TelemetryForwarder(TelemetryOutbox outbox, CloudHttp http, TimeProvider timeProvider, ILogger<TelemetryForwarder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _outbox = outbox;
        _cloud = http;
        _http = http.Client;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Sends everything queued, stream by stream.</summary>
    /// <returns>Records confirmed by the service in this drain; stops early (without throwing) when the service fails.</returns>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var batchSize = Math.Clamp(_outbox.Options.BatchSize, 1, 1000);
        foreach (var stream in await _outbox.StreamsAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                var batch = await _outbox.PeekAsync(stream, batchSize, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                try
                {
                    await SendAsync(batch, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    ClientLog.DrainFailed(_logger, e);
                    return sent;
                }

                await _outbox.AcknowledgeAsync(batch, cancellationToken).ConfigureAwait(false);
                sent += batch.Count;
            }
        }

        return sent;
    }

    /// <summary>Drains every <paramref name="interval"/> until cancelled; skips a round while the circuit is open.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_cloud.IsAvailable)
            {
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<OutboxRecord> batch, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (_outbox.Options.NodeId is { } node)
            {
                writer.WriteString("node", node);
            }

            writer.WriteStartArray("records");
            foreach (var record in batch)
            {
                writer.WriteStartObject();
                writer.WriteString("stream", record.Stream);
                writer.WriteString("key", record.Key);
                writer.WriteNumber("sequence", record.Sequence);
                writer.WriteString("timestamp", record.Timestamp);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(record.Payload);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync("edgeai/v1/telemetry", content, cancellationToken).ConfigureAwait(false);
        using var document = await OipClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var confirmed = root.GetProperty("accepted").GetInt32() + root.GetProperty("duplicates").GetInt32();
        if (confirmed != batch.Count)
        {
            throw new CloudRequestException($"the service confirmed {confirmed} of {batch.Count} records");
        }
    }
}
