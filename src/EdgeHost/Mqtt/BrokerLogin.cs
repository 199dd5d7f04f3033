using EdgeAi.EdgeHost.Mqtt.Broker;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>The user name and password the node's client presents to its broker (both may be absent).</summary>
/// <param name="UserName">MQTT user name.</param>
/// <param name="Password">MQTT password.</param>
public sealed record BrokerLogin(string? UserName, string? Password)
{
    /// <summary>The node's own account on the embedded broker.</summary>
    public static BrokerLogin ForEmbedded(EmbeddedBrokerCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new BrokerLogin(credentials.Node.UserName, credentials.Node.Password);
    }

    /// <summary>
    /// For an external broker: <c>Mqtt:UserName</c> and the first line of <c>Mqtt:PasswordFile</c> win over the
    /// credentials in the broker URI.
    /// </summary>
    public static BrokerLogin ForExternal(MqttOptions options, BrokerAddress address)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(address);
        var password = options.PasswordFile is null
            ? address.Password
            : File.ReadLines(options.PasswordFile).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
        return new BrokerLogin(options.UserName ?? address.UserName, password);
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"BrokerLogin {{ UserName = {UserName} }}";
}
