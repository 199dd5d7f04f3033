using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Oip;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Health;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// Registers on-device decisions and, with a <c>Cloud:Url</c>, offload, model updates and telemetry. Nothing is
/// registered without <c>Inference:Model</c>, so a node without a model behaves as before.
/// </summary>
/// <remarks>
/// The cloud side runs on the wall clock (<see cref="TimeProvider.System"/>): its deadline, retries, circuit and polls
/// are about a real network, also when the simulated house runs at <c>--time-scale max</c>. Sampling runs on the
/// node's clock, so a simulated day makes a simulated day of decisions.
/// </remarks>
internal static class InferenceServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        services.AddOptions<CloudOptions>().BindConfiguration(CloudOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudOptions>, CloudOptionsValidator>();
        if (string.IsNullOrEmpty(configuration[$"{InferenceOptions.SectionName}:Model"]))
        {
            return;
        }

        services.AddSingleton<IModelRunnerFactory, ModelRunnerFactory>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            var cloud = sp.GetRequiredService<IOptions<CloudOptions>>().Value;
            var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            var name = SyncName(options, cloud);
            var model = new LocalModel(name, options.Engine, sp.GetRequiredService<IModelRunnerFactory>(), Path.Combine(node.DataDirectory, "models", name), sp.GetRequiredService<ILogger<LocalModel>>());
            try
            {
                model.Load(options.Model == InferenceOptions.BuiltinModel ? DemoHouseManifest.ReadModel : () => File.ReadAllBytes(options.Model), options.Sha256, options.Version);
                var inputs = options.Features.Count * options.Window;
                if (model.InputLength != inputs || model.OutputLength != options.Labels.Count)
                {
                    throw new InvalidDataException(
                        $"{InferenceOptions.SectionName}:Model takes {model.InputLength} inputs and gives {model.OutputLength} scores, but {options.Features.Count} features x window {options.Window} = {inputs} and {options.Labels.Count} labels are configured.");
                }
            }
            catch
            {
                model.Dispose();
                throw;
            }

            return model;
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            return new InferenceEntity(options.Name, options.Labels);
        });
        services.AddSingleton(sp => CreateCloud(sp));
        services.AddSingleton(sp =>
        {
            var cloud = sp.GetRequiredService<CloudParts>();
            var options = sp.GetRequiredService<IOptions<CloudOptions>>().Value;
            var router = new OffloadRouter(
                sp.GetRequiredService<LocalModel>(),
                cloud.CloudModel,
                new OffloadOptions { ConfidenceThreshold = options.ConfidenceThreshold, CloudDeadline = options.Deadline },
                TimeProvider.System,
                sp.GetRequiredService<ILogger<OffloadRouter>>());
            var metrics = sp.GetRequiredService<NodeMetrics>();
            metrics.InferenceTiers = router.Counters;
            metrics.Outbox = cloud.Outbox;
            return router;
        });
        services.AddHostedService(sp => new DecisionLoop(
            sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
            sp.GetRequiredService<NodeDevices>(),
            sp.GetRequiredService<LocalModel>(),
            sp.GetRequiredService<OffloadRouter>(),
            sp.GetRequiredService<InferenceEntity>(),
            sp.GetRequiredService<NodeMetrics>(),
            sp.GetRequiredService<CloudParts>().Outbox,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DecisionLoop>>()));
        services.AddHostedService(sp => new CloudLoops(sp.GetRequiredService<CloudParts>(), sp.GetRequiredService<IOptions<CloudOptions>>().Value));
    }

    /// <summary>The bridge's entities: the devices', plus the decision sensors when a model runs.</summary>
    public static IEnumerable<IBridgeEntity> Entities(IServiceProvider services)
    {
        var entities = services.GetRequiredService<NodeDevices>().Entities;
        return services.GetService<InferenceEntity>() is { } inference ? [.. entities, inference] : entities;
    }

    private static string SyncName(InferenceOptions inference, CloudOptions cloud) => string.IsNullOrEmpty(cloud.SyncModel) ? inference.Name : cloud.SyncModel;

    private static CloudParts CreateCloud(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<CloudOptions>>().Value;
        if (!options.Enabled)
        {
            return new CloudParts(null, null, null, null, null);
        }

        var inference = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
        var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
        var http = new CloudHttp(
            new CloudClientOptions { BaseAddress = new Uri(options.Url), TokenFile = string.IsNullOrEmpty(options.TokenFile) ? null : options.TokenFile },
            TimeProvider.System);
        var cloudModel = new OipCloudModel(http, string.IsNullOrEmpty(options.Model) ? inference.Name : options.Model, options.Input, options.Output, sp.GetRequiredService<LocalModel>().InputShape);
        ModelSync? sync = null;
        if (!string.IsNullOrEmpty(options.ManifestPublicKeyFile))
        {
            sync = new ModelSync(
                new DistributionClient(http),
                new ManifestVerifier(File.ReadAllText(options.ManifestPublicKeyFile)),
                sp.GetRequiredService<LocalModel>(),
                new ModelSyncOptions
                {
                    Models = [SyncName(inference, options)],
                    WorkDirectory = Path.Combine(node.DataDirectory, "models", ".incoming"),
                    PollInterval = options.SyncInterval,
                    RuntimeVersion = Version.TryParse(MqttConnection.SoftwareVersion, out var v) ? v : null,
                    AuditFile = Path.Combine(node.DataDirectory, "model-updates.jsonl"),
                },
                TimeProvider.System,
                sp.GetRequiredService<ILogger<ModelSync>>());
        }

        TelemetryOutbox? outbox = null;
        TelemetryForwarder? forwarder = null;
        if (options.Telemetry)
        {
            outbox = new TelemetryOutbox(
                new TelemetryOutboxOptions { DatabasePath = Path.Combine(node.DataDirectory, "outbox.db"), NodeId = node.NodeId, MaxBytes = options.OutboxMaxBytes, MaxAge = options.OutboxMaxAge },
                TimeProvider.System,
                sp.GetRequiredService<ILogger<TelemetryOutbox>>());
            forwarder = new TelemetryForwarder(outbox, http, TimeProvider.System, sp.GetRequiredService<ILogger<TelemetryForwarder>>());
        }

        var logger = sp.GetRequiredService<ILogger<OffloadRouter>>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            InferenceLog.CloudEnabled(
            logger, options.Url, string.IsNullOrEmpty(options.Model) ? inference.Name : options.Model, options.ConfidenceThreshold,
            options.Deadline.TotalMilliseconds, sync is null ? "off (no Cloud:ManifestPublicKeyFile)" : "on", outbox is null ? "off" : "on");
        }

        return new CloudParts(http, cloudModel, sync, outbox, forwarder);
    }
}

/// <summary>The cloud pieces of a node; all null without <c>Cloud:Url</c>. Disposed with the host.</summary>
internal sealed record CloudParts(CloudHttp? Http, OipCloudModel? CloudModel, ModelSync? Sync, TelemetryOutbox? Outbox, TelemetryForwarder? Forwarder) : IDisposable
{
    public void Dispose()
    {
        Outbox?.Dispose();
        Http?.Dispose();
    }
}

/// <summary>Runs model-update polls and the telemetry drain until the node stops.</summary>
internal sealed class CloudLoops(CloudParts parts, CloudOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        if (parts.Sync is { } sync)
        {
            loops.Add(sync.RunAsync(stoppingToken));
        }

        if (parts.Forwarder is { } forwarder)
        {
            loops.Add(forwarder.RunAsync(options.TelemetryInterval, stoppingToken));
        }

        return Task.WhenAll(loops);
    }
}
