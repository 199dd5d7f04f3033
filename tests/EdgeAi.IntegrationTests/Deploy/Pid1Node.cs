using EdgeAi.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The built <c>edgeai</c> host started the way systemd starts a service, as far as the hosting library can tell:
/// PID 1 of a fresh PID namespace (<c>unshare --pid --fork --mount-proc</c>, needs root), with
/// <c>NOTIFY_SOCKET</c> and <c>WATCHDOG_USEC</c> in its environment. Microsoft.Extensions.Hosting.Systemd
/// treats PID 1 as "started by systemd" and then sends READY/STOPPING and formats logs for the journal.
/// </summary>
public sealed class Pid1Node : IAsyncDisposable
{
    private readonly Process _unshare;
    private readonly StringBuilder _stderr = new();
    private readonly string _dataDirectory;

    private Pid1Node(Process unshare, string dataDirectory)
    {
        _unshare = unshare;
        _dataDirectory = dataDirectory;
        _unshare.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _unshare.OutputDataReceived += (_, _) => { };
        _unshare.BeginErrorReadLine();
        _unshare.BeginOutputReadLine();
    }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static Pid1Node Start(string notifySocket, TimeSpan watchdog, IDictionary<string, string>? environment = null, params string[] extraArguments)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("edgeai-pid1-").FullName;
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--pid", "--fork", "--mount-proc", "dotnet", EdgeAiProcess.AssemblyPath,
            "simulate", "--mqtt-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--node-id", "pid1", "--data-dir", dataDirectory,
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["EDGEAI_Health__Port"] = "0"; // nodes run side by side in the tests
        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        start.Environment["WATCHDOG_USEC"] = ((long)watchdog.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new Pid1Node(Process.Start(start) ?? throw new InvalidOperationException("unshare did not start"), dataDirectory);
    }

    /// <summary>
    /// Sends SIGTERM to the node itself, as systemd does on stop. unshare ignores SIGTERM while it waits for its
    /// child, so the signal goes to the child (PID 1 inside, an ordinary PID out here); PID 1 of a namespace only
    /// receives signals it has a handler for, and the host installs one.
    /// </summary>
    public async Task TerminateAsync()
    {
        var child = await ChildPidAsync();
        using var kill = Process.Start("kill", ["-TERM", child.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The node's exit code (unshare exits with its child's status).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _unshare.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"edgeai did not exit within {timeout}. stderr:\n{StandardError}");
        }

        _unshare.WaitForExit();
        return _unshare.ExitCode;
    }

    private async Task<int> ChildPidAsync()
    {
        var children = $"/proc/{_unshare.Id}/task/{_unshare.Id}/children";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await File.ReadAllTextAsync(children, deadline.Token);
            if (int.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_unshare.HasExited)
        {
            // Killing unshare's whole tree takes PID 1 of the namespace, and with it every process inside.
            _unshare.Kill(entireProcessTree: true);
            await _unshare.WaitForExitAsync();
        }

        _unshare.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
