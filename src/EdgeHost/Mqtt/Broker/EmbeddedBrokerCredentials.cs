using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeAi.EdgeHost.Hosting;

namespace EdgeAi.EdgeHost.Mqtt.Broker;

/// <summary>
/// The embedded broker's two accounts: <c>homeassistant</c> for the hub and one for the node itself. There is no
/// default password: each is random (128 bits) on first start, kept in <c>mqtt-credentials.json</c> in the data
/// directory with mode 0600, so the person who installed the node can read the hub's password and nobody else.
/// </summary>
public sealed class EmbeddedBrokerCredentials
{
    /// <summary>File name in the data directory.</summary>
    public const string FileName = "mqtt-credentials.json";

    /// <summary>The hub's user name, Home Assistant's conventional one.</summary>
    public const string HubUserName = "homeassistant";

    private EmbeddedBrokerCredentials(string path, Account hub, Account node)
    {
        Path = path;
        Hub = hub;
        Node = node;
    }

    /// <summary>Where the credentials are stored.</summary>
    public string Path { get; }

    /// <summary>The hub's account.</summary>
    public Account Hub { get; }

    /// <summary>The node's own account.</summary>
    public Account Node { get; }

    /// <summary>True when <see cref="LoadOrCreate"/> generated the file now.</summary>
    public bool CreatedNow { get; private init; }

    /// <summary>Reads the credentials from <paramref name="dataDirectory"/>, creating them on first start.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not valid; it is left untouched.</exception>
    public static EmbeddedBrokerCredentials LoadOrCreate(string dataDirectory, string nodeId)
    {
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            StoredCredentials? stored;
            try
            {
                stored = JsonSerializer.Deserialize(File.ReadAllText(path), CredentialsJson.Default.StoredCredentials);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path} is not valid JSON; fix or delete it to generate new credentials.", ex);
            }

            if (stored?.Hub is not { } hub || stored.Node is not { } node || !hub.IsComplete || !node.IsComplete)
            {
                throw new InvalidDataException($"{path} lacks the hub or node account; fix or delete it to generate new credentials.");
            }

            return new EmbeddedBrokerCredentials(path, hub, node);
        }

        var created = new StoredCredentials(new Account(HubUserName, NewPassword()), new Account($"edgeai-{nodeId}", NewPassword()));
        var json = JsonSerializer.Serialize(created, CredentialsJson.Default.StoredCredentials);
        SecretFile.WriteNew(path, json);
        return new EmbeddedBrokerCredentials(path, created.Hub!, created.Node!) { CreatedNow = true };
    }

    /// <summary>The role of a client presenting these credentials; <see cref="BrokerRole.None"/> when they match no account.</summary>
    public BrokerRole Authenticate(string? userName, string? password)
    {
        // Both comparisons always run, in constant time, so timing says nothing about which part was wrong.
        var hub = Hub.Matches(userName, password);
        var node = Node.Matches(userName, password);
        return hub ? BrokerRole.Hub : node ? BrokerRole.Node : BrokerRole.None;
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One user name and password.</summary>
    /// <param name="UserName">The MQTT user name.</param>
    /// <param name="Password">The MQTT password.</param>
    public sealed record Account(string UserName, string Password)
    {
        internal bool IsComplete => !string.IsNullOrEmpty(UserName) && !string.IsNullOrEmpty(Password);

        internal bool Matches(string? userName, string? password)
        {
            var user = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(userName ?? string.Empty), Encoding.UTF8.GetBytes(UserName));
            var pass = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? string.Empty), Encoding.UTF8.GetBytes(Password));
            return user & pass;
        }
    }

    internal sealed record StoredCredentials(Account? Hub, Account? Node);
}

/// <summary>Source-generated JSON for the credentials file (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmbeddedBrokerCredentials.StoredCredentials))]
internal sealed partial class CredentialsJson : JsonSerializerContext;
