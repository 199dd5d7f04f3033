using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>
/// The MQTTnet broker the node starts when no external broker is configured. It listens on 127.0.0.1 only,
/// so nothing off the machine can reach it. Registered before the bridge so it starts first and stops last.
/// </summary>
internal sealed class EmbeddedBroker : IHostedService, IDisposable
{
    private readonly MqttServer _server;
    private readonly int _port;
    private readonly ILogger<EmbeddedBroker> _logger;

    public EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger)
    {
        _port = options.Value.EmbeddedPort;
        _logger = logger;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(_port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync().ConfigureAwait(false);
        MqttLog.EmbeddedBrokerStarted(_logger, _port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _server.StopAsync().ConfigureAwait(false);
        MqttLog.EmbeddedBrokerStopped(_logger);
    }

    public void Dispose() => _server.Dispose();
}
