using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>
/// The node's one MQTT client: connects with the node's last will (retained <c>offline</c> on the status topic),
/// publishes and subscribes. It does not reconnect by itself; <see cref="Bridge.MqttBridge"/> owns that loop.
/// </summary>
/// <remarks>
/// <see cref="PublishAsync"/> may be called concurrently from any thread (MQTTnet serialises packets);
/// <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/> are called by one owner only.
/// </remarks>
public sealed class MqttConnection : IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttOptions _options;
    private readonly TopicLayout _topics;
    private readonly ILogger<MqttConnection> _logger;
    private readonly BrokerLogin _login;
    private TaskCompletionSource _disconnected = NewSignal();

    /// <summary>Creates the client; nothing is sent before <see cref="ConnectAsync"/>.</summary>
    public MqttConnection(IOptions<MqttOptions> options, BrokerAddress broker, BrokerLogin login, TopicLayout topics, ILogger<MqttConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        _options = options.Value;
        _topics = topics;
        _logger = logger;
        _login = login;
        Broker = broker;
        ClientId = $"edgeai-{topics.NodeId}";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Raised for every message that arrives on a subscription; the handler runs on MQTTnet's receive loop.</summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task> MessageReceived
    {
        add => _client.ApplicationMessageReceivedAsync += value;
        remove => _client.ApplicationMessageReceivedAsync -= value;
    }

    /// <summary>The broker this connection talks to.</summary>
    public BrokerAddress Broker { get; }

    /// <summary>The MQTT client id, <c>edgeai-&lt;node-id&gt;</c>.</summary>
    public string ClientId { get; }

    /// <summary>Whether the client holds a connection now.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects (clean start) with the node's last will; completes after a successful CONNACK.</summary>
    /// <exception cref="BrokerRefusedConnectionException">The broker answered with a failure code (bad credentials, not authorised).</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Broker.Host, Broker.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_topics.Status)
            .WithWillPayload(Availability.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_login.UserName is not null)
        {
            builder = builder.WithCredentials(_login.UserName, _login.Password);
        }

        if (Broker.UseTls)
        {
            builder = builder.WithTlsOptions(ConfigureTls);
        }

        _disconnected = NewSignal();
        var result = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new BrokerRefusedConnectionException(Broker, result.ResultCode, result.ReasonString);
        }
    }

    /// <summary>Completes when the current connection is lost (or at once when there is none).</summary>
    public Task WaitForDisconnectAsync(CancellationToken cancellationToken = default) =>
        _client.IsConnected ? _disconnected.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Publishes a UTF-8 payload with QoS 1.</summary>
    public async Task PublishAsync(string topic, string payload, bool retain, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Subscribes to <paramref name="topicFilters"/> with QoS 1.</summary>
    public async Task SubscribeAsync(IEnumerable<string> topicFilters, CancellationToken cancellationToken = default)
    {
        var builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (var filter in topicFilters)
        {
            builder = builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes retained <c>offline</c>, then disconnects normally (so the broker drops the will).</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        await PublishAsync(_topics.Status, Availability.Offline, retain: true, cancellationToken).ConfigureAwait(false);
        var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
        await _client.DisconnectAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.Dispose();
    }

    internal static string SoftwareVersion { get; } =
        typeof(MqttConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// TLS to an external broker: the host name is checked against the certificate; with <c>Mqtt:CaFile</c> the
    /// chain must end in one of those CAs (a private CA, as home brokers use), otherwise in the system store.
    /// </summary>
    private void ConfigureTls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls().WithTargetHost(Broker.Host);
        if (_options.CaFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(_options.CaFile);
            tls.WithTrustChain(authorities);
        }

        if (_options.ClientCertificateFile is not null)
        {
            tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(_options.ClientCertificateFile, _options.ClientKeyFile)]);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected && e.Reason != MqttClientDisconnectReason.NormalDisconnection)
        {
            MqttLog.Disconnected(_logger, Broker.ToString(), e.Reason.ToString());
        }

        _disconnected.TrySetResult();
        return Task.CompletedTask;
    }
}
