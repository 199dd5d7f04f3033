using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The node against the production mosquitto configuration over <c>mqtts://</c>: a private CA, a password from a
/// file, the per-node ACL. What Home Assistant then reads proves the node connected, authenticated and published.
/// </summary>
public sealed class ExternalTlsBrokerTests
{
    [Fact]
    public async Task Node_OverTlsWithPrivateCaAndPasswordFile_IsOnlineForTheHub()
    {
        await using var broker = await SecuredMosquitto.StartAsync();
        var secrets = Directory.CreateTempSubdirectory("edgeai-tls-").FullName;
        try
        {
            var passwordFile = Path.Combine(secrets, "mqtt-password");
            await File.WriteAllTextAsync(passwordFile, SecuredMosquitto.NodePassword + "\n");
            await using var node = await InProcessNode.StartAsync("kitchen", broker: $"mqtts://localhost:{broker.TlsPort}", configuration: new Dictionary<string, string>
            {
                ["Mqtt:UserName"] = "kitchen",
                ["Mqtt:PasswordFile"] = passwordFile,
                ["Mqtt:CaFile"] = broker.CaFile,
            });

            var seen = string.Empty;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!seen.Contains("edgeai/kitchen/status online", StringComparison.Ordinal))
            {
                deadline.Token.ThrowIfCancellationRequested();
                seen = await broker.RetainedVisibleToAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword);
            }

            Assert.Contains("homeassistant/light/kitchen/porch_light/config", seen, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(secrets, recursive: true);
        }
    }
}
