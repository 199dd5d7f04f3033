using System.Diagnostics;
using System.Text;

namespace EdgeAi.IntegrationTests.Infrastructure;

/// <summary>The real <c>edgeai</c> executable as a child process (<c>dotnet edgeai.dll ...</c>).</summary>
public sealed class EdgeAiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private EdgeAiProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, e) => { lock (_stdout) { _stdout.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public bool HasExited => _process.HasExited;

    /// <summary>Path of the built <c>edgeai.dll</c> (the EdgeHost project's output for this configuration).</summary>
    public static string AssemblyPath
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "EdgeAi.sln")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            var path = Path.Combine(root.FullName, "src", "EdgeHost", "bin", configuration, "net10.0", "edgeai.dll");
            Assert.True(File.Exists(path), $"{path} is not built");
            return path;
        }
    }

    public static EdgeAiProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts edgeai with extra environment variables (e.g. <c>EDGEAI_Cloud__ConfidenceThreshold</c>).</summary>
    public static EdgeAiProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.Environment["EDGEAI_Health__Port"] = "0"; // nodes run side by side in the tests
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new EdgeAiProcess(Process.Start(start) ?? throw new InvalidOperationException("edgeai did not start"));
    }

    /// <summary>Writes <paramref name="text"/> to the process's standard input and closes it.</summary>
    public async Task WriteInputAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        _process.StandardInput.Close();
    }

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"edgeai did not exit within {timeout}. stderr:\n{StandardError}");
        }

        _process.WaitForExit(); // flush the asynchronous readers
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
