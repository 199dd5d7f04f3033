using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// Serves <c>GET /healthz</c>, <c>/readyz</c> and <c>/metrics</c> over a minimal HTTP/1.1 responder on a
/// <see cref="TcpListener"/> (no ASP.NET Core: it would dominate the binary on a Raspberry Pi). Every response closes
/// its connection; a request head is bounded to <see cref="MaxRequestBytes"/> and <see cref="RequestTimeout"/>, and
/// at most <see cref="MaxConnections"/> are served at once, so a malformed or slow client cannot hold the node.
/// </summary>
internal sealed class HealthEndpoint : IHostedService, IDisposable
{
    /// <summary>Largest request head (request line and headers) accepted; the endpoints take no body.</summary>
    public const int MaxRequestBytes = 8192;

    /// <summary>Connections served at the same time; more are closed at once.</summary>
    public const int MaxConnections = 8;

    /// <summary>How long a client may take to send its request head.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly HealthOptions _options;
    private readonly Liveness _liveness;
    private readonly MqttConnection _connection;
    private readonly NodeDevices _devices;
    private readonly NodeMetrics _metrics;
    private readonly ILogger<HealthEndpoint> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections);
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public HealthEndpoint(IOptions<HealthOptions> options, Liveness liveness, MqttConnection connection, NodeDevices devices, NodeMetrics metrics, ILogger<HealthEndpoint> logger)
    {
        _options = options.Value;
        _liveness = liveness;
        _connection = connection;
        _devices = devices;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The port the endpoints listen on once started (the chosen one when <see cref="HealthOptions.Port"/> is 0); 0 when disabled.</summary>
    public int BoundPort { get; private set; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        var listener = new TcpListener(IPAddress.Parse(_options.ListenAddress), _options.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            var why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be opened ({ex.Message})";
            throw new IOException($"{HealthOptions.SectionName}:Port {_options.Port} on {_options.ListenAddress} {why}; choose another {HealthOptions.SectionName}:Port or set {HealthOptions.SectionName}:Enabled to false.", ex);
        }

        _listener = listener;
        var bound = (IPEndPoint)listener.LocalEndpoint;
        BoundPort = bound.Port;
        HealthLog.Listening(_logger, bound.ToString());
        _accepting = AcceptAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await _accepting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener?.Dispose();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        var serving = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken).ConfigureAwait(false);
                if (!_slots.Wait(0, CancellationToken.None))
                {
                    HealthLog.RequestDropped(_logger, "too many connections");
                    client.Dispose();
                    continue;
                }

                serving.RemoveAll(t => t.IsCompleted);
                serving.Add(ServeAsync(client, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The listener was stopped under the accept.
        }

        await Task.WhenAll(serving).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        try
        {
            using (client)
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                deadline.CancelAfter(RequestTimeout);
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
                var response = head is null
                    ? new HealthResponse(431, "request head too large\n")
                    : Respond(head);
                var headOnly = head?.StartsWith("HEAD ", StringComparison.Ordinal) == true;
                await stream.WriteAsync(response.Encode(headOnly), deadline.Token).ConfigureAwait(false);

                // Closing with unread bytes (the rest of an oversized request) would reset the connection and could
                // discard the response before the client reads it: end our side, then drain until the client closes.
                client.Client.Shutdown(SocketShutdown.Send);
                await DrainAsync(stream, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            HealthLog.RequestDropped(_logger, ex.GetType().Name);
        }
#pragma warning disable CA1031 // A fault while answering one request must not stop the endpoint or fail the host's stop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HealthLog.ConnectionFailed(_logger, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task DrainAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
            // Discarded: the response is already sent.
        }
    }

    /// <summary>Reads up to the blank line that ends the head; null when it does not fit in <see cref="MaxRequestBytes"/>.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0 || buffer.AsSpan(0, length).IndexOf("\n\n"u8) >= 0)
            {
                return Encoding.Latin1.GetString(buffer, 0, length);
            }
        }

        return length < buffer.Length ? Encoding.Latin1.GetString(buffer, 0, length) : null;
    }

    private HealthResponse Respond(string head)
    {
        var end = head.IndexOfAny(['\r', '\n']);
        var parts = (end < 0 ? head : head[..end]).Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !parts[1].StartsWith('/'))
        {
            return new HealthResponse(400, "bad request\n");
        }

        var path = parts[1].Split('?', 2)[0];
        if (path is not ("/healthz" or "/readyz" or "/metrics"))
        {
            return new HealthResponse(404, "not found\n");
        }

        if (parts[0] is not ("GET" or "HEAD"))
        {
            return new HealthResponse(405, "method not allowed\n");
        }

        return path switch
        {
            "/healthz" => _liveness.TryFindStalled(out var loop, out var silent)
                ? new HealthResponse(503, $"stalled: {loop} silent for {silent.TotalSeconds:F0} s\n")
                : new HealthResponse(200, "ok\n"),
            // No models are loaded by the node yet (inference is not wired into the host), so they count as loaded.
            "/readyz" => Readiness.Reasons(_connection.IsConnected, _devices.Started, modelsLoaded: true) is { Count: > 0 } reasons
                ? new HealthResponse(503, string.Join('\n', reasons) + "\n")
                : new HealthResponse(200, "ready\n"),
            _ => new HealthResponse(200, MetricsExposition.Render(_metrics, _devices.SensorStatistics, _connection.IsConnected), PrometheusWriter.ContentType),
        };
    }
}
