using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeAi.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the home hub: subscribes like Home Assistant would and records every message it sees, with the
/// retain flag the broker delivered it with. Waits are bounded.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            _received.Enqueue(new Received(m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain));
            _arrived.Release();
            return Task.CompletedTask;
        };
    }

    /// <summary>The broker answered CONNACK with a failure code.</summary>
    public sealed class ConnectRefusedException(MqttClientConnectResultCode code) : Exception($"connection refused: {code}")
    {
        public MqttClientConnectResultCode ResultCode { get; } = code;
    }

    public sealed record Received(string Topic, string Payload, bool Retain);

    public IReadOnlyCollection<Received> Messages => _received.ToArray();

    public static async Task<HubClient> ConnectAsync(int port, string clientId = "test-hub", string? user = null, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null)
        {
            options = options.WithCredentials(user, password);
        }

        var result = await client.ConnectAsync(options.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new ConnectRefusedException(result.ResultCode);
        }

        return new HubClient(client);
    }

    public async Task<MqttClientSubscribeResult> SubscribeAsync(params string[] filters)
    {
        var builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder = builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        return await _client.SubscribeAsync(builder.Build());
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return await _client.PublishAsync(message);
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived (or was already seen).</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join("\n", _received.Select(r => $"{r.Topic} = {r.Payload} (retain {r.Retain})"));
                throw new TimeoutException($"No matching message within {timeout}. Seen:\n{seen}");
            }
        }
    }

    /// <summary>Forgets what was seen so far.</summary>
    public void Clear() => _received.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _arrived.Dispose();
    }
}
