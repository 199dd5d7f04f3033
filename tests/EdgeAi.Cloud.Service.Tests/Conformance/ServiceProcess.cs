using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>
/// The built service as a real process on loopback: started with <c>dotnet edgeai-model-service.dll</c>,
/// listening on a port the OS picks (<c>--urls http://127.0.0.1:0</c>, read back from Kestrel's
/// "Now listening on" line), killed with its process tree on dispose. Every wait is bounded.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private HttpMessageHandler? _probeHandler;

    private ServiceProcess(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far (stdout and stderr), for assertions and failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static string ServiceDll
    {
        get
        {
            // The test project references the service, so the build copies the service and its runtime
            // files (runtimeconfig, deps, ONNX Runtime's native library) next to the tests.
            var local = Path.Combine(AppContext.BaseDirectory, "edgeai-model-service.dll");
            if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
            {
                return local;
            }

            throw new FileNotFoundException($"the built service is not next to the tests: {local}");
        }
    }

    /// <summary>Starts <c>serve</c> with <paramref name="arguments"/> and waits for <c>/v2/health/ready</c>.</summary>
    public static Task<ServiceProcess> StartAsync(string workingDirectory, params string[] arguments) =>
        StartAsync(workingDirectory, new Dictionary<string, string>(), null, ["--urls", "http://127.0.0.1:0", .. arguments]);

    /// <summary>Starts <c>serve</c> with extra environment (configuration) and a custom handler for the readiness probe.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, HttpMessageHandler? probeHandler, string[] arguments)
    {
        var service = new ServiceProcess(Start(workingDirectory, ["serve", .. arguments], environment));
        service._probeHandler = probeHandler;
        try
        {
            await service.WaitUntilReadyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command of the executable to its end (bounded) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' did not exit within {StartTimeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Fails when the service logged at Error or Critical level (console formatter prefixes "fail:"/"crit:"):
    /// every refusal the tests provoke must be a handled 4xx, never an unhandled server fault.
    /// </summary>
    public void AssertNoErrorLogs()
    {
        var errors = _output.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "the service logged errors:\n" + Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private static Process Start(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServiceDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Logging__Console__DisableColors"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            _output.Enqueue(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the service exited during start-up"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            BaseAddress = await listening.Task.WaitAsync(timeout.Token);
            using var client = _probeHandler is null
                ? new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) }
                : new HttpClient(_probeHandler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            while (true)
            {
                using var response = await client.GetAsync("/v2/health/ready", timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the service did not become ready: {e.Message}\n{Output}", e);
        }
    }

    [GeneratedRegex(@"Now listening on: (https?://\S+)")]
    private static partial Regex ListeningLine();
}
