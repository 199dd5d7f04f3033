using System.Diagnostics;
using System.Net.Sockets;

namespace EdgeAi.Testing;

/// <summary>
/// A real mosquitto broker from Debian, on a free loopback port, with a config file written by the test:
/// no persistence (a restart forgets retained messages, as a broker without a disk would), anonymous access.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private Mosquitto(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    public static async Task<Mosquitto> StartAsync(int? port = null)
    {
        var directory = Directory.CreateTempSubdirectory("edgeai-mosquitto-").FullName;
        var broker = new Mosquitto(port ?? FreePort.Next(), directory);
        await broker.StartProcessAsync();
        return broker;
    }

    /// <summary>Kills the broker (SIGKILL: no clean shutdown, no last wills delivered by it).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the broker again on the same port with an empty store.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            set_tcp_nodelay true
            log_dest stderr
            log_type error
            log_type warning
            """);
        var executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var start = new ProcessStartInfo(executable, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode} (is port {Port} free?)");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }
}
