using EdgeAi.Devices.Simulation;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeAi.IntegrationTests.Infrastructure;

/// <summary>A node host built by the same composition root as the CLI, with a simulated board the test can inspect.</summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDirectory;

    private InProcessNode(IHost host, SimulatedGpioDriver board, string dataDirectory)
    {
        _host = host;
        Board = board;
        _dataDirectory = dataDirectory;
    }

    public SimulatedGpioDriver Board { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary>The port the node's health endpoints listen on (the node picks a free one: <c>Health:Port</c> 0).</summary>
    public int HealthPort => _host.Services.GetRequiredService<HealthEndpoint>().BoundPort;

    /// <summary>The hub's password on the embedded broker, from the credentials file the node generated.</summary>
    public string HubPassword
    {
        get
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dataDirectory, "mqtt-credentials.json")));
            return json.RootElement.GetProperty("hub").GetProperty("password").GetString()!;
        }
    }

    public static async Task<InProcessNode> StartAsync(string nodeId, string? broker = null, int? embeddedPort = null, Action<string>? prepareDataDirectory = null, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("edgeai-node-").FullName;
        prepareDataDirectory?.Invoke(dataDirectory);
        var settings = new NodeHostSettings { Mode = NodeMode.Simulate };
        settings.Overrides["Node:NodeId"] = nodeId;
        settings.Overrides["Node:DataDirectory"] = dataDirectory;
        settings.Overrides["Health:Port"] = "0"; // nodes run side by side in the tests
        if (broker is not null)
        {
            settings.Overrides["Mqtt:Broker"] = broker;
        }

        if (embeddedPort is not null)
        {
            settings.Overrides["Mqtt:EmbeddedPort"] = embeddedPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            settings.Overrides[key] = value;
        }

        var host = NodeHost.Create(settings);
        Assert.Empty(NodeHost.ValidateConfiguration(host.Services));
        await host.StartAsync();
        var board = ((ISimulatedBoard)host.Services.GetRequiredService<IBoard>()).Driver;
        return new InProcessNode(host, board, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _host.StopAsync(stop.Token);
        }

        _host.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
