using System.CommandLine;
using System.Globalization;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Cli;

/// <summary><c>edgeai simulate</c> and <c>edgeai run</c>: start a node and run until stopped.</summary>
internal static class NodeCommand
{
    public static Command Create(NodeMode mode)
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = mode == NodeMode.Simulate
                ? "JSON configuration and device manifest; without it the built-in demo house is used."
                : "JSON configuration and device manifest.",
            Required = mode == NodeMode.Run,
        };
        var broker = new Option<string>("--broker") { Description = "External broker: mqtt://[user:password@]host:port or mqtts://...; without it the embedded broker is started." };
        var mqttPort = new Option<int?>("--mqtt-port") { Description = "Port of the embedded broker on 127.0.0.1 (default 1883)." };
        var nodeId = new Option<string>("--node-id") { Description = "Node id used in topics (default: the host name, sanitised)." };
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = mode == NodeMode.Simulate ? "State directory (default: $XDG_STATE_HOME/edgeai)." : "State directory (default: /var/lib/edgeai).",
        };

        var cloud = new Option<string>("--cloud") { Description = "Model service (Open Inference Protocol) to offload unsure decisions to, e.g. http://10.0.0.5:8000." };
        var cloudToken = new Option<FileInfo>("--cloud-token-file") { Description = "File with the bearer token for --cloud (keep it 0600)." };
        var command = new Command(
            mode == NodeMode.Simulate ? "simulate" : "run",
            mode == NodeMode.Simulate ? "Run the whole runtime against a simulated board." : "Run the node on real hardware.")
        {
            config, broker, mqttPort, nodeId, dataDir, cloud, cloudToken,
        };

        var timeScale = new Option<string>("--time-scale") { Description = "Simulated seconds per real second, or 'max' (default 1)." };
        var duration = new Option<string>("--duration") { Description = "Stop after this much simulated time: 90s, 15m, 6h, 1d." };
        var report = new Option<DirectoryInfo>("--report") { Description = "Write the heating-day report (PNG) into this directory when the run ends." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the simulated world (default 1)." };
        var record = new Option<FileInfo>("--record") { Description = "Write a training data set (CSV of the model's input windows, labelled with the demo house's ground truth) to this file." };
        var scenario = new Option<string>("--scenario") { Description = $"Inject a fault: {string.Join(", ", SimulationOptions.Scenarios)}." };
        if (mode == NodeMode.Simulate)
        {
            command.Options.Add(timeScale);
            command.Options.Add(duration);
            command.Options.Add(report);
            command.Options.Add(seed);
            command.Options.Add(scenario);
            command.Options.Add(record);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var settings = new NodeHostSettings { Mode = mode, ConfigFile = result.GetValue(config)?.FullName };
            SetIfGiven(settings, $"{MqttOptions.SectionName}:Broker", result.GetValue(broker));
            SetIfGiven(settings, $"{MqttOptions.SectionName}:EmbeddedPort", result.GetValue(mqttPort)?.ToString(CultureInfo.InvariantCulture));
            SetIfGiven(settings, $"{NodeOptions.SectionName}:NodeId", result.GetValue(nodeId));
            SetIfGiven(settings, $"{NodeOptions.SectionName}:DataDirectory", result.GetValue(dataDir)?.FullName);
            SetIfGiven(settings, $"{CloudOptions.SectionName}:Url", result.GetValue(cloud));
            SetIfGiven(settings, $"{CloudOptions.SectionName}:TokenFile", result.GetValue(cloudToken)?.FullName);
            if (mode == NodeMode.Simulate)
            {
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:TimeScale", result.GetValue(timeScale));
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:Duration", result.GetValue(duration));
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:ReportDirectory", result.GetValue(report)?.FullName);
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:Seed", result.GetValue(seed)?.ToString(CultureInfo.InvariantCulture));
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:Scenario", result.GetValue(scenario));
                SetIfGiven(settings, $"{SimulationOptions.SectionName}:RecordFile", result.GetValue(record)?.FullName);
            }

            if (result.GetValue(record) is not null && settings.ConfigFile is not null)
            {
                result.InvocationConfiguration.Error.WriteLine("edgeai: configuration error: --record labels the data with the built-in demo house's ground truth, so it cannot be used with --config.");
                return Task.FromResult(EdgeAiCommandLine.ConfigurationError);
            }

            return RunNodeAsync(settings, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Builds the host and validates its configuration, writing every problem to <paramref name="error"/>. The host
    /// is null when even the configuration sources could not be read (missing file, invalid JSON).
    /// </summary>
    internal static async Task<(IHost? Host, IReadOnlyList<string> Failures)> BuildValidatedAsync(NodeHostSettings settings, TextWriter error)
    {
        IHost host;
        try
        {
            host = NodeHost.Create(settings);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            var detail = ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
            await error.WriteLineAsync($"edgeai: configuration error: {detail}").ConfigureAwait(false);
            return (null, [detail]);
        }

        IReadOnlyList<string> failures;
        try
        {
            failures = NodeHost.ValidateConfiguration(host.Services);
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (a word where a number belongs).
            failures = [ex.Message];
        }

        foreach (var failure in failures)
        {
            await error.WriteLineAsync($"edgeai: configuration error: {failure}").ConfigureAwait(false);
        }

        return (host, failures);
    }

    /// <summary>Starts the node and waits for SIGINT/SIGTERM; maps start-up failures to exit codes with a clear message.</summary>
    internal static async Task<int> RunNodeAsync(NodeHostSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        var (host, failures) = await BuildValidatedAsync(settings, error).ConfigureAwait(false);
        if (host is null)
        {
            return EdgeAiCommandLine.ConfigurationError;
        }

        using (host)
        {
            if (failures.Count > 0)
            {
                return EdgeAiCommandLine.ConfigurationError;
            }

            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ConfigurationFailures(ex) is { Count: > 0 } startFailures)
            {
                foreach (var failure in startFailures)
                {
                    await error.WriteLineAsync($"edgeai: configuration error: {failure}").ConfigureAwait(false);
                }

                return EdgeAiCommandLine.ConfigurationError;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"edgeai: start-up failed: {ex.Message}").ConfigureAwait(false);
                return EdgeAiCommandLine.StartupFailure;
            }

            await host.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    private static void SetIfGiven(NodeHostSettings settings, string key, string? value)
    {
        if (value is not null)
        {
            settings.Overrides[key] = value;
        }
    }

    /// <summary>Validation failures (each names its key), also when start-up wraps several in an AggregateException.</summary>
    private static List<string> ConfigurationFailures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(ConfigurationFailures)],
        InvalidOperationException { InnerException: { } inner } => ConfigurationFailures(inner),
        _ => [],
    };
}
