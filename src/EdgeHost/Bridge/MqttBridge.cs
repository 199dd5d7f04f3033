using System.Threading.Channels;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.Health;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// Connects the node's entities to MQTT and Home Assistant. On every (re)connect it publishes discovery and the
/// state read from each device, subscribes to command topics, and only then announces <c>online</c>, so nothing
/// is accepted before the hub can see the truth. Every command passes <see cref="CommandValidator"/>; a retained
/// command is never executed; a QoS 1 redelivery acts once.
/// </summary>
internal sealed class MqttBridge : BackgroundService
{
    /// <summary>User property the embedded broker stamps on every client publish with the authenticated client id.</summary>
    internal const string SourceProperty = "edgeai-source";

    private readonly MqttConnection _connection;
    private readonly TopicLayout _topics;
    private readonly NodeDevice _device;
    private readonly List<IBridgeEntity> _entities;
    private readonly Dictionary<string, (IBridgeEntity Entity, EntityCommand Command)> _byCommandTopic;
    private readonly BridgeRequests _requests;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttBridge> _logger;
    private readonly NodeMetrics _metrics;
    private readonly RecentPackets _recent = new();
    private readonly HashSet<string> _clearedRetained = [];
    // Not SingleReader: the single-reader channel cannot count its items, and /metrics reports the queue depth.
    private readonly Channel<IBridgeEntity> _dirty = Channel.CreateUnbounded<IBridgeEntity>();

    /// <summary>
    /// Answers (error reasons, bridge responses): published off MQTT's receive loop, so a burst of bad commands never
    /// holds up the next command while each answer waits for its PUBACK. Bounded: under a flood the oldest answers go.
    /// </summary>
    private readonly Channel<(string Topic, string Payload)> _answers = Channel.CreateBounded<(string Topic, string Payload)>(
        new BoundedChannelOptions(16384) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Channel<bool> _reannounce = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public MqttBridge(
        MqttConnection connection,
        TopicLayout topics,
        NodeDevice device,
        IEnumerable<IBridgeEntity> entities,
        IOptions<MqttOptions> options,
        TimeProvider time,
        NodeMetrics metrics,
        ILogger<MqttBridge> logger)
    {
        _connection = connection;
        _topics = topics;
        _device = device;
        _entities = entities.ToList();
        _byCommandTopic = _entities
            .SelectMany(e => e.Commands.Select(c => (Topic: topics.Command(e.Id, c.Attribute), Entity: e, Command: c)))
            .ToDictionary(x => x.Topic, x => (x.Entity, x.Command), StringComparer.Ordinal);
        _requests = new BridgeRequests(topics, time, () => _connection.IsConnected, () => _reannounce.Writer.TryWrite(true));
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        metrics.ObserveStatePublishQueue(() => _dirty.Reader.Count);
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
                ReannounceOnRequestAsync(stoppingToken),
                PublishAnswersAsync(stoppingToken)).ConfigureAwait(false);
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
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _recent.Clear();
                await _connection.ConnectAsync(stoppingToken).ConfigureAwait(false);
                MqttLog.Connected(_logger, _connection.Broker.ToString(), _connection.ClientId);
                failures = 0;
                if (connectedBefore)
                {
                    _metrics.RecordMqttReconnect();
                }

                connectedBefore = true;
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
    /// Discovery and state of every entity, then (first time on a connection) the subscriptions, and last the
    /// retained <c>online</c>: availability means "accepting commands", so a hub that saw it can act.
    /// </summary>
    private async Task AnnounceAsync(bool subscribe, CancellationToken cancellationToken)
    {
        foreach (var entity in _entities)
        {
            foreach (var config in entity.Discovery(_topics, _device))
            {
                await _connection.PublishAsync(_topics.Discovery(config.Component, config.ObjectId), config.Payload, retain: true, cancellationToken).ConfigureAwait(false);
            }

            await PublishStatesAsync(entity, cancellationToken).ConfigureAwait(false);
        }

        if (subscribe)
        {
            await _connection.SubscribeAsync([.. _byCommandTopic.Keys, _topics.BridgeRequest("+"), _topics.HomeAssistantStatus], cancellationToken).ConfigureAwait(false);
        }

        await _connection.PublishAsync(_topics.Status, Availability.Online, retain: true, cancellationToken).ConfigureAwait(false);
        BridgeLog.Announced(_logger, _entities.Count);
    }

    private async Task PublishStatesAsync(IBridgeEntity entity, CancellationToken cancellationToken)
    {
        foreach (var state in entity.CurrentStates())
        {
            await _connection.PublishAsync(_topics.State(entity.Id, state.Attribute), state.Payload, retain: true, cancellationToken).ConfigureAwait(false);
        }
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

            try
            {
                await PublishStatesAsync(entity, stoppingToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                MqttLog.PublishFailed(_logger, ex, _topics.State(entity.Id));
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
            if (!message.Retain && message.Payload.Length == Availability.Online.Length
                && System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, message.Payload) == Availability.Online)
            {
                _reannounce.Writer.TryWrite(true);
            }

            return;
        }

        if (_requests.TryHandle(message) is { } response)
        {
            _answers.Writer.TryWrite((response.Topic, response.Payload));
            return;
        }

        if (!_byCommandTopic.TryGetValue(message.Topic, out var target))
        {
            return;
        }

        if (message.Retain)
        {
            await IgnoreRetainedCommandAsync(message.Topic, message.Payload.IsEmpty).ConfigureAwait(false);
            return;
        }

        if (message.Payload.IsEmpty && ForgetClearedRetained(message.Topic))
        {
            return; // the echo of our own clearing of a retained command
        }

        if (!_recent.TryRecord(e.PacketIdentifier, message.Dup))
        {
            BridgeLog.DuplicateIgnored(_logger, message.Topic, e.PacketIdentifier);
            return;
        }

        var (entity, command) = target;
        var result = Execute(entity, command, message);
        if (result.Accepted)
        {
            _metrics.RecordActuation(entity.Id);
            return;
        }

        _metrics.RecordRejection(result.Rejection);
        BridgeLog.CommandRejected(_logger, message.Topic, result.Reason!);
        _answers.Writer.TryWrite((_topics.Error(entity.Id), result.Reason!));
    }

    private CommandResult Execute(IBridgeEntity entity, EntityCommand command, MqttApplicationMessage message)
    {
        var payload = message.Payload.IsSingleSegment ? message.Payload.FirstSpan : System.Buffers.BuffersExtensions.ToArray(message.Payload);
        if (!CommandValidator.TryValidate(payload, command.Schema, out var value, out var reason))
        {
            return CommandResult.Rejected(reason!, CommandRejection.Validation);
        }

        var stamped = message.UserProperties?.LastOrDefault(p => p.Name == SourceProperty);
        var source = stamped is null ? "unknown" : System.Text.Encoding.UTF8.GetString(stamped.ValueBuffer.Span);
        try
        {
            var result = entity.Execute(command, value!, new CommandContext(source, _time.GetUtcNow()));
            if (result.Accepted)
            {
                BridgeLog.CommandExecuted(_logger, message.Topic, source);
            }

            return result;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            BridgeLog.CommandFailed(_logger, ex, message.Topic);
            _dirty.Writer.TryWrite(entity);
            return CommandResult.Rejected("the device failed to execute the command", CommandRejection.Device);
        }
    }

    /// <summary>
    /// A retained command would replay at every start, so it is never executed. The node clears it (an empty
    /// retained message), where the broker lets it; the empty echo that clearing produces is swallowed.
    /// </summary>
    private async Task IgnoreRetainedCommandAsync(string topic, bool alreadyEmpty)
    {
        BridgeLog.RetainedCommandIgnored(_logger, topic);
        if (alreadyEmpty)
        {
            return;
        }

        lock (_clearedRetained)
        {
            _clearedRetained.Add(topic);
        }

        await PublishQuietlyAsync(topic, string.Empty, retain: true).ConfigureAwait(false);
    }

    private bool ForgetClearedRetained(string topic)
    {
        lock (_clearedRetained)
        {
            return _clearedRetained.Remove(topic);
        }
    }

    /// <summary>Publishes queued answers with up to 32 awaiting their PUBACK at once (QoS 1 flow control).</summary>
    private async Task PublishAnswersAsync(CancellationToken stoppingToken)
    {
        // Not disposed: publishes still in flight release it after this loop ends (it holds no wait handle).
        var window = new SemaphoreSlim(32);
        await foreach (var (topic, payload) in _answers.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!_connection.IsConnected)
            {
                continue; // answers are not retained: one that cannot be sent now is moot
            }

            await window.WaitAsync(stoppingToken).ConfigureAwait(false);
            _ = PublishReleasingAsync(topic, payload, window);
        }
    }

    private async Task PublishReleasingAsync(string topic, string payload, SemaphoreSlim window)
    {
        try
        {
            await PublishQuietlyAsync(topic, payload).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away under the answer (shutdown, broker loss); answers are not retained.
            MqttLog.PublishFailed(_logger, ex, topic);
        }
        finally
        {
            window.Release();
        }
    }

    private async Task PublishQuietlyAsync(string topic, string payload, bool retain = false)
    {
        try
        {
            await _connection.PublishAsync(topic, payload, retain).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            MqttLog.PublishFailed(_logger, ex, topic);
        }
    }
}
