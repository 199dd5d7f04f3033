using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace EdgeAi.Cloud.Client.Tests.Integration;

/// <summary>
/// The built model service as a real process on loopback (as tests/EdgeAi.Cloud.Service.Tests starts it):
/// <c>dotnet edgeai-model-service.dll serve --urls URL ...</c>, ready when <c>/v2/health/ready</c> answers 200,
/// killed with its process tree on dispose. A restart can reuse the first run's port, so a node's configured
/// address keeps working. Every wait is bounded.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string Output => string.Join('\n', _output);

    private static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "edgeai-model-service.dll");

    /// <summary>Starts <c>serve</c> on <paramref name="url"/> (port 0: the OS picks) and waits until ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string workingDirectory, string url, params string[] arguments)
    {
        var service = new ServiceProcess(Start(workingDirectory, ["serve", "--urls", url, .. arguments]));
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

    /// <summary>Runs a command of the executable to its end and returns exit code and stdout.</summary>
    public static async Task<(int ExitCode, string Stdout)> RunToExitAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        _ = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout);
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

    private static Process Start(string workingDirectory, string[] arguments)
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
            using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
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
