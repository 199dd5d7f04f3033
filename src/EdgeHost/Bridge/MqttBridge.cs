using System.Text;
using System.Threading.Channels;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// Connects the node's entities to MQTT and Home Assistant. On every (re)connect it publishes availability,
/// discovery and the state read from each device, and only then subscribes to command topics, so nothing
/// is accepted before the hub can see the truth. A retained command is never executed.
/// </summary>
internal sealed class MqttBridge : BackgroundService
{
    /// <summary>Command payloads are short words or small JSON documents; anything larger is rejected unread.</summary>
    internal const int MaxCommandBytes = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MqttConnection _connection;
    private readonly TopicLayout _topics;
    private readonly NodeDevice _device;
    private readonly List<IBridgeEntity> _entities;
    private readonly Dictionary<string, IBridgeEntity> _byCommandTopic;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttBridge> _logger;
    private readonly Channel<IBridgeEntity> _dirty = Channel.CreateUnbounded<IBridgeEntity>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _reannounce = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public MqttBridge(
        MqttConnection connection,
        TopicLayout topics,
        NodeDevice device,
        IEnumerable<IBridgeEntity> entities,
        IOptions<MqttOptions> options,
        TimeProvider time,
        ILogger<MqttBridge> logger)
    {
        _connection = connection;
        _topics = topics;
        _device = device;
        _entities = entities.ToList();
        _byCommandTopic = _entities.ToDictionary(e => topics.Command(e.Id), StringComparer.Ordinal);
        _options = options.Value;
        _time = time;
        _logger = logger;
        foreach (var entity in _entities)
        {
            entity.StateChanged += e => _dirty.Writer.TryWrite(e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The broker went first; the last will announces "offline" for us.
            MqttLog.PublishFailed(_logger, ex, _topics.Status);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _connection.MessageReceived += OnMessageAsync;
        try
        {
            await Task.WhenAll(
                SuperviseConnectionAsync(stoppingToken),
                PublishStateChangesAsync(stoppingToken),
                ReannounceOnRequestAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            _connection.MessageReceived -= OnMessageAsync;
        }
    }

    /// <summary>Connect, announce, wait for the connection to drop, back off with jitter, repeat.</summary>
    private async Task SuperviseConnectionAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.ConnectAsync(stoppingToken).ConfigureAwait(false);
                MqttLog.Connected(_logger, _connection.Broker.ToString(), _connection.ClientId);
                failures = 0;
                await AnnounceAsync(subscribe: true, stoppingToken).ConfigureAwait(false);
                await _connection.WaitForDisconnectAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or BrokerRefusedConnectionException or OperationCanceledException or InvalidOperationException)
            {
                var delay = ReconnectBackoff.Delay(failures++, TimeSpan.FromSeconds(_options.MaxReconnectDelaySeconds));
                MqttLog.ConnectFailed(_logger, ex, _connection.Broker.ToString(), delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Discovery and state of every entity, then (first time on a connection) the command subscriptions, and
    /// last the retained <c>online</c>: availability means "accepting commands", so a hub that saw it can act.
    /// </summary>
    private async Task AnnounceAsync(bool subscribe, CancellationToken cancellationToken)
    {
        foreach (var entity in _entities)
        {
            await _connection.PublishAsync(_topics.Discovery(entity.Component, entity.Id), entity.DiscoveryPayload(_topics, _device), retain: true, cancellationToken).ConfigureAwait(false);
            await _connection.PublishAsync(_topics.State(entity.Id), entity.CurrentState(), retain: true, cancellationToken).ConfigureAwait(false);
        }

        if (subscribe)
        {
            await _connection.SubscribeAsync([.. _byCommandTopic.Keys, _topics.HomeAssistantStatus], cancellationToken).ConfigureAwait(false);
        }

        await _connection.PublishAsync(_topics.Status, Availability.Online, retain: true, cancellationToken).ConfigureAwait(false);

        BridgeLog.Announced(_logger, _entities.Count);
    }

    /// <summary>Publishes the current state of every entity that changed; a burst of changes yields the latest value.</summary>
    private async Task PublishStateChangesAsync(CancellationToken stoppingToken)
    {
        await foreach (var entity in _dirty.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!_connection.IsConnected)
            {
                continue; // the next connect publishes every state anyway
            }

            var topic = _topics.State(entity.Id);
            try
            {
                await _connection.PublishAsync(topic, entity.CurrentState(), retain: true, stoppingToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                MqttLog.PublishFailed(_logger, ex, topic);
            }
        }
    }

    /// <summary>
    /// Home Assistant announced itself: re-send everything after a random 0–5 s delay, so a city of nodes
    /// does not answer a hub restart in the same instant.
    /// </summary>
    private async Task ReannounceOnRequestAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _reannounce.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5000));
            BridgeLog.HomeAssistantOnline(_logger, delay);
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            if (!_connection.IsConnected)
            {
                continue;
            }

            try
            {
                await AnnounceAsync(subscribe: false, stoppingToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                MqttLog.PublishFailed(_logger, ex, _topics.Status);
            }
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.Topic == _topics.HomeAssistantStatus)
        {
            if (TryDecode(message, out var status) && status == Availability.Online)
            {
                _reannounce.Writer.TryWrite(true);
            }

            return;
        }

        if (!_byCommandTopic.TryGetValue(message.Topic, out var entity))
        {
            return;
        }

        if (message.Retain)
        {
            BridgeLog.RetainedCommandIgnored(_logger, message.Topic);
            return;
        }

        CommandResult result;
        if (!TryDecode(message, out var payload))
        {
            result = CommandResult.Rejected($"payload must be UTF-8 text of at most {MaxCommandBytes} bytes");
        }
        else
        {
            try
            {
                result = entity.HandleCommand(payload);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                BridgeLog.CommandFailed(_logger, ex, message.Topic);
                result = CommandResult.Rejected("the device failed to execute the command");
                _dirty.Writer.TryWrite(entity);
            }
        }

        if (result.Accepted)
        {
            BridgeLog.CommandExecuted(_logger, message.Topic, entity.CurrentState());
            return;
        }

        BridgeLog.CommandRejected(_logger, message.Topic, result.Reason!);
        try
        {
            await _connection.PublishAsync(_topics.Error(entity.Id), result.Reason!, retain: false).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            MqttLog.PublishFailed(_logger, ex, _topics.Error(entity.Id));
        }
    }

    private static bool TryDecode(MqttApplicationMessage message, out string text)
    {
        text = string.Empty;
        var payload = message.Payload;
        if (payload.Length > MaxCommandBytes)
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(payload);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
