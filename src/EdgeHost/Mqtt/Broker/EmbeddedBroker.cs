using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeAi.EdgeHost.Mqtt.Broker;

/// <summary>
/// The MQTTnet broker the node starts when no external broker is configured. No anonymous access: clients
/// authenticate with <see cref="EmbeddedBrokerCredentials"/>, and <see cref="BrokerAccessPolicy"/> decides every
/// publish and subscription. Listens on 127.0.0.1 unless configured otherwise, optionally with a TLS listener.
/// Registered before the bridge so it starts first and stops last.
/// </summary>
internal sealed partial class EmbeddedBroker : IHostedService, IDisposable
{
    private const string RoleKey = "edgeai.role";
    private readonly MqttServer _server;
    private readonly MqttOptions _options;
    private readonly EmbeddedBrokerCredentials _credentials;
    private readonly BrokerAccessPolicy _policy;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly X509Certificate2? _certificate;

    public EmbeddedBroker(IOptions<MqttOptions> options, EmbeddedBrokerCredentials credentials, TopicLayout topics, ILogger<EmbeddedBroker> logger)
    {
        _options = options.Value;
        _credentials = credentials;
        _policy = new BrokerAccessPolicy(topics);
        _logger = logger;
        var address = IPAddress.Parse(_options.EmbeddedListenAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(_options.EmbeddedPort);
        if (_options.EmbeddedTlsPort is { } tlsPort)
        {
            _certificate = X509Certificate2.CreateFromPemFile(_options.EmbeddedTlsCertificateFile!, _options.EmbeddedTlsKeyFile);
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(address)
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptedEndpointPort(tlsPort)
                .WithEncryptionCertificate(_certificate);
        }

        _server = new MqttServerFactory().CreateMqttServer(builder.Build());
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync().ConfigureAwait(false);
        MqttLog.EmbeddedBrokerStarted(_logger, _options.EmbeddedListenAddress, _options.EmbeddedPort);
        if (_options.EmbeddedTlsPort is { } tlsPort)
        {
            TlsListening(_logger, _options.EmbeddedListenAddress, tlsPort);
        }

        if (_credentials.CreatedNow)
        {
            CredentialsCreated(_logger, _credentials.Path, EmbeddedBrokerCredentials.HubUserName);
        }
        else
        {
            CredentialsLocation(_logger, _credentials.Path);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _server.StopAsync().ConfigureAwait(false);
        MqttLog.EmbeddedBrokerStopped(_logger);
    }

    public void Dispose()
    {
        _server.Dispose();
        _certificate?.Dispose();
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var role = _credentials.Authenticate(e.UserName, e.Password);
        if (role == BrokerRole.None)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            ConnectionRefused(_logger, e.ClientId, e.RemoteEndPoint?.ToString());
            return Task.CompletedTask;
        }

        // Only the node's own account may use the node's client id, so nobody can take over its session or will.
        if (role != BrokerRole.Node && e.ClientId == _credentials.Node.UserName)
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            ConnectionRefused(_logger, e.ClientId, e.RemoteEndPoint?.ToString());
            return Task.CompletedTask;
        }

        e.SessionItems[RoleKey] = role;
        return Task.CompletedTask;
    }

    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        // Messages the server itself injects carry no session; everything from a client does.
        if (e.ClientId is null || e.SessionItems is null)
        {
            return Task.CompletedTask;
        }

        var role = e.SessionItems[RoleKey] as BrokerRole? ?? BrokerRole.None;
        if (!_policy.MayPublish(role, e.ApplicationMessage.Topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            PublishDenied(_logger, e.ClientId, e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        }

        // Vouch for the sender: the audit log records who sent a command. A client cannot forge this property,
        // because any copy it sent is replaced here.
        var properties = e.ApplicationMessage.UserProperties ??= [];
        properties.RemoveAll(p => p.Name == Bridge.MqttBridge.SourceProperty);
        properties.Add(new MqttUserProperty(Bridge.MqttBridge.SourceProperty, System.Text.Encoding.UTF8.GetBytes(e.ClientId).AsMemory()));
        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var role = e.SessionItems?[RoleKey] as BrokerRole? ?? BrokerRole.None;
        if (!_policy.MaySubscribe(role, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            SubscriptionDenied(_logger, e.ClientId, e.TopicFilter.Topic);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(2010, LogLevel.Warning, "Embedded broker: generated credentials in {Path}; give Home Assistant the '{User}' user and its password from that file")]
    private static partial void CredentialsCreated(ILogger logger, string path, string user);

    [LoggerMessage(2011, LogLevel.Information, "Embedded broker: credentials are in {Path}")]
    private static partial void CredentialsLocation(ILogger logger, string path);

    [LoggerMessage(2012, LogLevel.Warning, "Embedded broker: refused connection of client '{ClientId}' from {Endpoint}")]
    private static partial void ConnectionRefused(ILogger logger, string clientId, string? endpoint);

    [LoggerMessage(2013, LogLevel.Warning, "Embedded broker: client '{ClientId}' may not publish to {Topic}")]
    private static partial void PublishDenied(ILogger logger, string clientId, string topic);

    [LoggerMessage(2014, LogLevel.Warning, "Embedded broker: client '{ClientId}' may not subscribe to {Filter}")]
    private static partial void SubscriptionDenied(ILogger logger, string clientId, string filter);

    [LoggerMessage(2015, LogLevel.Information, "Embedded MQTT broker TLS listener on {Address}:{Port}")]
    private static partial void TlsListening(ILogger logger, string address, int port);
}
