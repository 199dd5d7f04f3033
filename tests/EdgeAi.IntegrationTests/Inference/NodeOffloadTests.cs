using System.Text.Json;
using EdgeAi.Cloud.Service.Tests.Conformance;
using EdgeAi.IntegrationTests.Infrastructure;
using EdgeAi.Testing;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>
/// Issue 6 host wiring, end to end: <c>edgeai simulate --cloud URL --cloud-token-file FILE</c> (the demo house with its
/// built-in int8 occupancy model) against the real model service serving the shipped float model, and a real
/// mosquitto. With the confidence threshold at 1 every decision is escalated: the decision sensor reports tier
/// <c>cloud</c>; once the service is killed, decisions keep coming as <c>local-fallback</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeOffloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("edgeai-offload-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Unsure_decisions_go_to_the_cloud_and_fall_back_to_the_local_model_when_it_dies()
    {
        using var repository = await ModelRepositoryCopy.CreateAsync();
        ServiceProcess? service = await repository.StartServiceAsync();
        try
        {
            await using var mosquitto = await Mosquitto.StartAsync();
            await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
            await hub.SubscribeAsync("homeassistant/sensor/demo/+/config", "edgeai/demo/living_occupancy/state");
            var environment = new Dictionary<string, string>
            {
                ["EDGEAI_Cloud__ConfidenceThreshold"] = "1",
                ["EDGEAI_Cloud__Deadline"] = "00:00:05", // a loaded CI machine; the deadline itself is unit-tested on a fake clock
                ["EDGEAI_Cloud__TelemetryInterval"] = "00:00:00.500",
            };
            await using var node = EdgeAiProcess.Start(
                environment,
                "simulate", "--broker", mosquitto.Uri, "--node-id", "demo", "--data-dir", _dataDirectory, "--time-scale", "600",
                "--cloud", service.BaseAddress.ToString(), "--cloud-token-file", repository.TokenFile);

            var discovery = await hub.WaitForAsync(m => m.Topic == "homeassistant/sensor/demo/inference_tier/config", Patience);
            using (var config = JsonDocument.Parse(discovery.Payload))
            {
                Assert.Equal("diagnostic", config.RootElement.GetProperty("entity_category").GetString());
                Assert.Equal("edgeai/demo/living_occupancy/state", config.RootElement.GetProperty("state_topic").GetString());
            }

            var cloud = await hub.WaitForAsync(m => m.Topic == "edgeai/demo/living_occupancy/state" && Tier(m.Payload) == "cloud", Patience);
            using (var state = JsonDocument.Parse(cloud.Payload))
            {
                Assert.Contains(state.RootElement.GetProperty("label").GetString(), new[] { "empty", "occupied" });
                Assert.Equal("cloud", state.RootElement.GetProperty("engine").GetString());
            }

            // The decisions reached the service as telemetry through the node's outbox.
            var records = await WaitForTelemetryAsync(service.BaseAddress, repository.TokenFile);
            Assert.Contains(records, r => r.Contains("\"tier\":\"cloud\"", StringComparison.Ordinal) && r.Contains("\"model\":\"living_occupancy\"", StringComparison.Ordinal));

            await service.DisposeAsync();
            service = null;
            hub.Clear();
            var fallback = await hub.WaitForAsync(m => m.Topic == "edgeai/demo/living_occupancy/state" && Tier(m.Payload) == "local-fallback", Patience);
            using (var state = JsonDocument.Parse(fallback.Payload))
            {
                Assert.StartsWith("native/", state.RootElement.GetProperty("engine").GetString(), StringComparison.Ordinal);
                Assert.Equal(1, state.RootElement.GetProperty("model_version").GetInt64());
            }

            Assert.False(node.HasExited, node.StandardError);
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static async Task<List<string>> WaitForTelemetryAsync(Uri service, string tokenFile)
    {
        using var http = new HttpClient { BaseAddress = service };
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(tokenFile)).Trim());
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await http.GetAsync(new Uri("edgeai/v1/telemetry?node=demo&stream=decisions&limit=1000", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var payloads = json.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("payload").GetRawText()).ToList();
            if (payloads.Count > 0 || DateTime.UtcNow > deadline)
            {
                return payloads;
            }

            await Task.Delay(250);
        }
    }

    private static string? Tier(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("tier", out var tier) ? tier.GetString() : null;
    }
}
