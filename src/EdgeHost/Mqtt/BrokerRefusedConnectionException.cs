using MQTTnet;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>The broker answered CONNACK with a failure code: wrong credentials, not authorised, client id refused.</summary>
public sealed class BrokerRefusedConnectionException : Exception
{
    /// <summary>Creates the exception for <paramref name="broker"/>'s answer.</summary>
    public BrokerRefusedConnectionException(BrokerAddress broker, MqttClientConnectResultCode code, string? reason)
        : base($"{broker} refused the connection: {code}{(string.IsNullOrEmpty(reason) ? string.Empty : $" ({reason})")}")
    {
        ResultCode = code;
    }

    /// <summary>The CONNACK result code.</summary>
    public MqttClientConnectResultCode ResultCode { get; }
}
