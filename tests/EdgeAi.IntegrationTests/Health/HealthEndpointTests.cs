using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAi.EdgeHost.Cli;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.IntegrationTests.Infrastructure;
using EdgeAi.Testing;

namespace EdgeAi.IntegrationTests.Health;

/// <summary>The node's /healthz, /readyz and /metrics against a real mosquitto, over real HTTP on loopback.</summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Endpoints_ConnectedNode_HealthyReadyAndCountsCommands()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("health", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/health/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/health/status" && m.Payload == "online", Patience);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.HealthPort}"), Timeout = Patience };

        using var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok\n", await healthz.Content.ReadAsStringAsync());
        await WaitForStatusAsync(http, "/readyz", HttpStatusCode.OK);

        await hub.PublishAsync("edgeai/health/porch_light/set", "ON");
        await hub.PublishAsync("edgeai/health/porch_light/set", "SIDEWAYS");
        await hub.WaitForAsync(m => m.Topic == "edgeai/health/porch_light/error", Patience);
        await hub.WaitForAsync(m => m.Topic == "edgeai/health/porch_light/state" && m.Payload == "ON", Patience);

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        var samples = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync());
        Assert.Equal(1, samples["edgeai_actuations_total{entity=\"porch_light\"}"]);
        Assert.Equal(1, samples["edgeai_command_rejections_total{reason=\"validation\"}"]);
        Assert.Equal(1, samples["edgeai_mqtt_connected"]);
        Assert.Contains(samples.Keys, k => k.StartsWith("edgeai_sensor_reads_total{device=\"living_climate\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_BrokerKilled_Answers503NamingMqtt()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("unready", broker: mosquitto.Uri);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.HealthPort}"), Timeout = Patience };
        await WaitForStatusAsync(http, "/readyz", HttpStatusCode.OK);

        await mosquitto.KillAsync();

        var body = await WaitForStatusAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Contains("mqtt", body, StringComparison.Ordinal);
        using var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode); // alive, only not ready
    }

    [Fact]
    public async Task Server_UnknownPathWrongMethodAndMalformedRequests_AnswersAndKeepsServing()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("http", broker: mosquitto.Uri);
        var port = node.HealthPort;

        Assert.StartsWith("HTTP/1.1 404 ", await RawAsync(port, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
        var post = await RawAsync(port, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 405 ", post, StringComparison.Ordinal);
        Assert.Contains("Allow: GET, HEAD\r\n", post, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400 ", await RawAsync(port, "\u0001\u0002garbage\r\n\r\n"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 431 ", await RawAsync(port, "GET /healthz HTTP/1.1\r\nX: " + new string('a', 20_000) + "\r\n\r\n"), StringComparison.Ordinal);
        var head = await RawAsync(port, "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", head, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);

        Assert.StartsWith("HTTP/1.1 200 ", await RawAsync(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNode_HealthPortInUse_ExitsWithStartupFailureNamingTheKey()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        var dataDirectory = Directory.CreateTempSubdirectory("edgeai-health-").FullName;
        try
        {
            var settings = new NodeHostSettings { Mode = NodeMode.Simulate };
            settings.Overrides["Node:NodeId"] = "busy";
            settings.Overrides["Node:DataDirectory"] = dataDirectory;
            settings.Overrides["Mqtt:EmbeddedPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings.Overrides["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var error = new StringWriter();

            var exit = await NodeCommand.RunNodeAsync(settings, error, CancellationToken.None);

            Assert.Equal(EdgeAiCommandLine.StartupFailure, exit);
            Assert.Contains($"Health:Port {port} on 127.0.0.1 is already in use", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="expected"/>; returns its body.</summary>
    private static async Task<string> WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.StatusCode == expected)
            {
                return body;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>Sends raw bytes and reads the whole response (the server closes every connection).</summary>
    private static async Task<string> RawAsync(int port, string request)
    {
        using var deadline = new CancellationTokenSource(Patience);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request), deadline.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before an oversized request is fully written.
        }

        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync(deadline.Token);
    }
}
