using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeAi.IntegrationTests.Infrastructure;
using EdgeAi.Testing;
using MQTTnet;

namespace EdgeAi.IntegrationTests.Broker;

/// <summary>The embedded broker's optional TLS listener, with a certificate and key from PEM files.</summary>
public sealed class EmbeddedBrokerTlsTests
{
    [Fact]
    public async Task TlsListener_HubWithTheCertificate_ConnectsAndReadsState()
    {
        var directory = Directory.CreateTempSubdirectory("edgeai-embedded-tls-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certFile = Path.Combine(directory, "broker.crt");
            var keyFile = Path.Combine(directory, "broker.key");
            await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            var tlsPort = FreePort.Next();

            await using var node = await InProcessNode.StartAsync("tls", embeddedPort: FreePort.Next(), configuration: new Dictionary<string, string>
            {
                ["Mqtt:EmbeddedTlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mqtt:EmbeddedTlsCertificateFile"] = certFile,
                ["Mqtt:EmbeddedTlsKeyFile"] = keyFile,
            });

            using var client = new MqttClientFactory().CreateMqttClient();
            var trusted = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(certificate.RawData) };
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("localhost", tlsPort)
                .WithClientId("tls-hub")
                .WithCredentials("homeassistant", node.HubPassword)
                .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost").WithTrustChain(trusted))
                .Build();
            var result = await client.ConnectAsync(options);
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);

            var online = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.ApplicationMessageReceivedAsync += e =>
            {
                online.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
                return Task.CompletedTask;
            };
            await client.SubscribeAsync("edgeai/tls/status");
            Assert.Equal("online", await online.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
