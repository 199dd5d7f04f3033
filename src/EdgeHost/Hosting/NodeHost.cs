using System.Diagnostics.CodeAnalysis;
using EdgeAi.Devices.Simulation;
using EdgeAi.Devices.Simulation.Clock;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Health;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.EdgeHost.Mqtt;
using EdgeAi.EdgeHost.Locks;
using EdgeAi.EdgeHost.Mqtt.Broker;
using EdgeAi.EdgeHost.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>The composition root: builds the Generic Host that runs a node.</summary>
public static class NodeHost
{
    /// <summary>
    /// Builds (does not start) the node's host. Configuration, lowest to highest precedence: built-in defaults
    /// (the demo house in simulate without a file), the JSON file, <c>EDGEAI_</c> environment variables,
    /// command-line options. Options are validated when the host starts, before any pin is opened.
    /// </summary>
    /// <exception cref="FileNotFoundException">The configuration file does not exist.</exception>
    /// <exception cref="InvalidDataException">The configuration file is not valid JSON.</exception>
    public static IHost Create(NodeHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "edgeai",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        AddConfiguration(builder.Configuration, settings);
        AddLogging(builder);
        builder.Services.AddSystemd();

        AddOptions(builder.Services, settings.Mode);
        AddClock(builder.Services, settings);
        AddBoard(builder.Services, settings);
        AddMqtt(builder.Services, builder.Configuration);
        InferenceServices.Add(builder.Services, builder.Configuration);
        if (settings.Mode == NodeMode.Simulate && settings.ConfigFile is null && settings.TimeProvider is null
            && !string.IsNullOrEmpty(builder.Configuration[$"{SimulationOptions.SectionName}:RecordFile"]))
        {
            builder.Services.AddHostedService(sp => new DatasetRecorder(
                sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
                sp.GetRequiredService<NodeDevices>(),
                sp.GetRequiredService<DemoHouse>().World,
                sp.GetRequiredService<IOptions<SimulationOptions>>().Value.RecordFile!,
                sp.GetRequiredService<TimeProvider>()));
        }
        if (settings.Mode == NodeMode.Simulate && settings.TimeProvider is null)
        {
            builder.Services.AddHostedService<SimulationRunner>();
        }

        // Liveness and systemd's watchdog are about the real process, so they run on the wall clock even when the
        // simulated world runs on its own.
        builder.Services.AddSingleton(_ => new Liveness(TimeProvider.System));
        builder.Services.AddHostedService(sp => new NodeHeartbeat(sp.GetRequiredService<Liveness>(), TimeProvider.System, sp.GetRequiredService<ILogger<NodeHeartbeat>>()));
        AddHealth(builder.Services);
        builder.Services.AddHostedService(sp => new SystemdWatchdog(sp, TimeProvider.System, sp.GetRequiredService<ILogger<SystemdWatchdog>>()));
        return builder.Build();
    }

    /// <summary>
    /// Validates every options class of the node and returns all failures (each names its key). Call it before
    /// starting the host: hosted services are constructed before the host's own start-up validation runs, and
    /// nothing may touch a pin with a configuration that is going to be refused.
    /// </summary>
    public static IReadOnlyList<string> ValidateConfiguration(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var failures = new List<string>();
        Check<NodeOptions>(services, failures);
        Check<MqttOptions>(services, failures);
        Check<DeviceManifest>(services, failures);
        Check<HealthOptions>(services, failures);
        Check<InferenceOptions>(services, failures);
        Check<CloudOptions>(services, failures);
        if (failures.Count == 0)
        {
            // The model is loaded (verified, parsed, bound, golden-checked) here, before any pin is opened.
            try
            {
                _ = services.GetService<LocalModel>();
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                failures.Add($"{InferenceOptions.SectionName}:Model: {e.Message}");
            }
        }
        if (services.GetService<IValidateOptions<SimulationOptions>>() is not null)
        {
            Check<SimulationOptions>(services, failures);
        }

        return failures;
    }

    // IOptions<T> creates T through its parameterless constructor; the annotation keeps it through trimming.
    private static void Check<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
    }

    /// <summary>
    /// The HTTP endpoints, registered after the bridge (added by <see cref="AddMqtt"/>) so they start once the bridge
    /// exists and stop before it. A port already in use fails start-up.
    /// </summary>
    private static void AddHealth(IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddSingleton<HealthEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
    }

    private static void AddConfiguration(ConfigurationManager configuration, NodeHostSettings settings)
    {
        var defaults = new Dictionary<string, string?>
        {
            [$"{NodeOptions.SectionName}:DataDirectory"] = settings.Mode == NodeMode.Simulate ? DataDirectory.SimulationDefault() : DataDirectory.ServiceDefault,
        };
        if (settings.Mode == NodeMode.Simulate)
        {
            // The simulated board is laid out like a Raspberry Pi 4.
            defaults["Board:Name"] = "raspberry-pi-4";
        }

        configuration.AddInMemoryCollection(defaults);
        if (settings.ConfigFile is null && settings.Mode == NodeMode.Simulate)
        {
            configuration.AddJsonStream(DemoHouseManifest.OpenManifest());
        }

        if (settings.ConfigFile is not null)
        {
            var path = Path.GetFullPath(settings.ConfigFile);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The configuration file '{path}' does not exist.", path);
            }

            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables("EDGEAI_");
        configuration.AddInMemoryCollection(settings.Overrides);
    }

    private static void AddLogging(HostApplicationBuilder builder)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // stdout is for command output (model run prints JSON there); logs go to stderr, which systemd journals.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    private static void AddOptions(IServiceCollection services, NodeMode mode)
    {
        if (mode == NodeMode.Simulate)
        {
            services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.SectionName).ValidateOnStart();
            services.AddSingleton<IValidateOptions<SimulationOptions>, SimulationOptionsValidator>();
        }

        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.AddOptions<DeviceManifest>()
            .Configure<IConfiguration>((manifest, configuration) =>
            {
                manifest.Board = configuration["Board:Name"] ?? string.Empty;
                configuration.GetSection("Devices").Bind(manifest.Devices);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeviceManifest>, DeviceManifestValidator>();
    }

    /// <summary>
    /// Real time in <c>run</c>. In <c>simulate</c> a <see cref="SimulationClock"/> that <see cref="SimulationRunner"/>
    /// drives: the demo house's own clock (it resumes the house's simulated time), or a fresh one for a custom manifest.
    /// </summary>
    private static void AddClock(IServiceCollection services, NodeHostSettings settings)
    {
        if (settings.TimeProvider is not null)
        {
            services.AddSingleton(settings.TimeProvider);
            return;
        }

        if (settings.Mode == NodeMode.Run)
        {
            services.AddSingleton(TimeProvider.System);
            return;
        }

        if (settings.ConfigFile is null)
        {
            services.AddSingleton(sp =>
            {
                var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
                DataDirectory.Ensure(node.DataDirectory);
                return new DemoHouse(new DemoHouseOptions { Seed = sp.GetRequiredService<IOptions<SimulationOptions>>().Value.Seed, StateDirectory = node.DataDirectory });
            });
            services.AddSingleton(sp => sp.GetRequiredService<DemoHouse>().Clock);
        }
        else
        {
            services.AddSingleton(_ => new SimulationClock(DateTimeOffset.UtcNow));
        }

        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulationClock>());
    }

    private static void AddBoard(IServiceCollection services, NodeHostSettings settings)
    {
        services.AddSingleton<IReadOnlyList<ResolvedDevice>>(sp => ManifestValidator.Validate(sp.GetRequiredService<IOptions<DeviceManifest>>().Value).Devices);
        services.AddSingleton<IBoard>(sp => settings.Mode switch
        {
            NodeMode.Simulate when settings.ConfigFile is null && settings.TimeProvider is null => new DemoHouseBoard(sp.GetRequiredService<DemoHouse>()),
            NodeMode.Simulate => new SimulatedBoard(settings.SimulatedGpio ?? new SimulatedGpioDriver(), sp.GetRequiredService<IReadOnlyList<ResolvedDevice>>(), sp.GetRequiredService<TimeProvider>()),
            _ => new SystemBoard(BoardMap.Load(sp.GetRequiredService<IOptions<DeviceManifest>>().Value.Board)!),
        });
        services.AddSingleton(sp => new LockCodeStore(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDirectory));
        services.AddSingleton(sp => new LockAuditLog(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDirectory));
        services.AddSingleton<LockCodeVerifier>();
        services.AddSingleton(sp =>
        {
            var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            DataDirectory.Ensure(node.DataDirectory);
            return new NodeDevices(
                sp.GetRequiredService<IBoard>(),
                sp.GetRequiredService<IReadOnlyList<ResolvedDevice>>(),
                node.DataDirectory,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<LockCodeVerifier>(),
                sp.GetRequiredService<LockAuditLog>(),
                sp.GetRequiredService<ILoggerFactory>());
        });

        // Registered before the broker and the bridge: devices start first and are parked last.
        services.AddHostedService(sp => sp.GetRequiredService<NodeDevices>());
        services.AddSingleton<IEnumerable<IBridgeEntity>>(InferenceServices.Entities);
        services.AddSingleton(sp =>
        {
            var nodeId = sp.GetRequiredService<IOptions<NodeOptions>>().Value.NodeId;
            return new NodeDevice($"EdgeAi {nodeId}", sp.GetRequiredService<IBoard>().Model, MqttConnection.SoftwareVersion);
        });
    }

    private static void AddMqtt(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddSingleton(sp =>
        {
            var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            var mqtt = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
            DataDirectory.Ensure(node.DataDirectory);
            return new TopicLayout(mqtt.BaseTopic, node.NodeId, mqtt.DiscoveryPrefix);
        });
        services.AddSingleton<MqttConnection>();
        services.AddSingleton<NodeMetrics>();

        if (string.IsNullOrEmpty(configuration[$"{MqttOptions.SectionName}:Broker"]))
        {
            services.AddSingleton(sp =>
            {
                var topics = sp.GetRequiredService<TopicLayout>(); // creates the data directory
                var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
                return EmbeddedBrokerCredentials.LoadOrCreate(node.DataDirectory, topics.NodeId);
            });
            services.AddSingleton(sp => BrokerLogin.ForEmbedded(sp.GetRequiredService<EmbeddedBrokerCredentials>()));
            services.AddSingleton(sp =>
            {
                var mqtt = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
                var host = mqtt.EmbeddedListenAddress is "0.0.0.0" ? "127.0.0.1" : mqtt.EmbeddedListenAddress;
                return new BrokerAddress(host, mqtt.EmbeddedPort, UseTls: false, UserName: null, Password: null);
            });

            // The embedded broker is registered first so it starts before the bridge and stops after it.
            services.AddHostedService<EmbeddedBroker>();
        }
        else
        {
            services.AddSingleton(sp =>
            {
                var mqtt = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
                return BrokerAddress.TryParse(mqtt.Broker, out var address, out _) ? address! : throw new InvalidOperationException("Mqtt:Broker was validated");
            });
            services.AddSingleton(sp => BrokerLogin.ForExternal(
                sp.GetRequiredService<IOptions<MqttOptions>>().Value,
                sp.GetRequiredService<BrokerAddress>()));
        }

        services.AddHostedService<MqttBridge>();
    }
}
