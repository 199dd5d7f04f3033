using EdgeAi.Cloud.Service.Tests.Conformance;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.Cloud.Client.Tests.Fakes;

namespace EdgeAi.Cloud.Client.Tests.Integration;

/// <summary>
/// Issue 6: the cloud is killed while the node keeps deciding. Every decision completes and is served
/// locally; telemetry accumulates in the outbox; once the service is back the outbox drains and the
/// service holds every record exactly once. Real service process on loopback, real SQLite on both sides.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CloudOutageTests
{
    // Against real processes on a shared machine the bound is generous; the exact deadline is unit-tested on a fake clock.
    private static readonly TimeSpan DecisionBound = TimeSpan.FromSeconds(5);
    private static readonly ModelAnswer Unsure = new(0, 0.4f);
    private static readonly float[] Features = [0.25f, 0.75f];

    [Fact]
    public async Task CloudKilled_DecisionsStayLocal_OutboxDrainsExactlyOnceAfterRestart()
    {
        using var directory = new TempDirectory();
        var repository = directory.CopyFixtureRepository();
        var (tokens, tokenFile) = await CloudNode.IssueTokenAsync(directory.Path, "node-1");
        var serviceArguments = new[] { "--model-repository", repository, "--tokens-file", tokens, "--telemetry-db", Path.Combine(directory.Path, "service.db") };
        var service = await ServiceProcess.StartAsync(directory.Path, serviceArguments);
        var address = service.BaseAddress;
        try
        {
            using var http = CloudNode.Http(address, tokenFile);
            // "versioned" (y = x + version, no batch dimension) stands in for the cloud classifier: arg-max of y.
            var router = new OffloadRouter(
                new FixedLocalModel(Unsure), new OipCloudModel(http, "versioned", "x", "y", batched: false),
                new OffloadOptions { ConfidenceThreshold = 0.8f, CloudDeadline = TimeSpan.FromSeconds(2) }, TimeProvider.System);
            using var outbox = new TelemetryOutbox(
                new TelemetryOutboxOptions { DatabasePath = Path.Combine(directory.Path, "outbox.db"), NodeId = "node-1", BatchSize = 7 }, TimeProvider.System);
            var forwarder = new TelemetryForwarder(outbox, http, TimeProvider.System);
            var sequence = 0;

            // Cloud up: low-confidence decisions go to the cloud; telemetry flows.
            for (var i = 0; i < 3; i++)
            {
                var decision = await router.DecideAsync(Features);
                Assert.Equal(InferenceTier.Cloud, decision.Tier);
                Assert.Equal(1, decision.Answer.Label);
                await outbox.EnqueueAsync("decisions", $$"""{"n":{{sequence++}},"tier":"{{decision.Tier.WireName()}}"}""");
            }

            Assert.Equal(3, await forwarder.DrainAsync());

            // Cloud killed: every decision still completes, within the bound, from the local model.
            await service.DisposeAsync();
            for (var i = 0; i < 20; i++)
            {
                var clock = Stopwatch.StartNew();
                var decision = await router.DecideAsync(Features).WaitAsync(DecisionBound);
                Assert.True(clock.Elapsed < DecisionBound);
                Assert.Equal(InferenceTier.LocalFallback, decision.Tier);
                Assert.Equal(Unsure, decision.Answer);
                await outbox.EnqueueAsync("decisions", $$"""{"n":{{sequence++}},"tier":"{{decision.Tier.WireName()}}"}""");
                if (i % 5 == 0)
                {
                    await outbox.EnqueueAsync("audit", $$"""{"n":{{sequence++}},"event":"cloud-unreachable"}""", OutboxRecordKind.Durable);
                }
            }

            Assert.Equal(20, router.Counters.LocalFallback);
            Assert.Equal(0, await forwarder.DrainAsync());
            Assert.Equal(sequence - 3, await outbox.PendingCountAsync());

            // Cloud back on the same address and database: the outbox drains, in batches, and nothing is duplicated.
            service = await ServiceProcess.StartAsync(directory.Path, new Dictionary<string, string>(), null, ["--urls", address.ToString().TrimEnd('/'), .. serviceArguments]);
            var drained = 0;
            for (var attempt = 0; attempt < 50 && await outbox.PendingCountAsync() > 0; attempt++)
            {
                // The circuit opened during the outage; it lets a probe through after its 1 s break.
                drained += await forwarder.DrainAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            Assert.Equal(sequence - 3, drained);
            Assert.Equal(0, await outbox.PendingCountAsync());
            var stored = await StoredAsync(address, tokenFile);
            Assert.Equal(sequence, stored.Count);
            Assert.Equal(Enumerable.Range(0, sequence), stored.Select(r => r.N).Order());
            Assert.Equal(sequence, stored.Select(r => (r.Stream, r.Key)).Distinct().Count());
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<List<(string Stream, string Key, int N)>> StoredAsync(Uri address, string tokenFile)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(tokenFile)).Trim());
        var result = new List<(string, string, int)>();
        long after = 0;
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/edgeai/v1/telemetry?node=node-1&after={after}&limit=10"));
            var records = document.RootElement.GetProperty("records");
            if (records.GetArrayLength() == 0)
            {
                return result;
            }

            foreach (var record in records.EnumerateArray())
            {
                result.Add((record.GetProperty("stream").GetString()!, record.GetProperty("key").GetString()!, record.GetProperty("payload").GetProperty("n").GetInt32()));
            }

            after = document.RootElement.GetProperty("next_after").GetInt64();
        }
    }
}
