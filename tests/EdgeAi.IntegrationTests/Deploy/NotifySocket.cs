using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// Plays systemd's side of sd_notify(3): a unix datagram socket that records every state line a service
/// sends (<c>READY=1</c>, <c>WATCHDOG=1</c>, <c>STOPPING=1</c>) with the time it arrived.
/// </summary>
public sealed class NotifySocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly string _directory;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<NotifyMessage> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly SemaphoreSlim _arrived = new(0);

    public NotifySocket()
    {
        _directory = Directory.CreateTempSubdirectory("edgeai-notify-").FullName;
        Path = System.IO.Path.Combine(_directory, "notify.sock");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        _receiving = ReceiveAsync();
    }

    /// <summary>The value for <c>NOTIFY_SOCKET</c>.</summary>
    public string Path { get; }

    /// <summary>Time since the socket was opened; the clock of <see cref="NotifyMessage.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<NotifyMessage> Messages
    {
        get { lock (_messages) { return [.. _messages]; } }
    }

    /// <summary>Waits (bounded) for the first message, from index <paramref name="from"/> on, that matches.</summary>
    public async Task<NotifyMessage> WaitForAsync(string state, TimeSpan timeout, int from = 0)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var messages = Messages;
            for (var i = from; i < messages.Count; i++)
            {
                if (messages[i].State == state)
                {
                    return messages[i];
                }
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {state} within {timeout}; received: {string.Join(", ", messages.Select(m => m.ToString()))}");
            }
        }
    }

    /// <summary>Waits until <paramref name="duration"/> has passed on the socket's clock, waking on every message.</summary>
    public async Task CollectForAsync(TimeSpan duration)
    {
        var until = Now + duration;
        while (Now < until)
        {
            await _arrived.WaitAsync(until - Now > TimeSpan.Zero ? until - Now : TimeSpan.Zero);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var at = _clock.Elapsed;
            // One datagram may carry several newline-separated assignments (sd_notify(3)).
            foreach (var line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                lock (_messages)
                {
                    _messages.Add(new NotifyMessage(line, at));
                }
            }

            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
