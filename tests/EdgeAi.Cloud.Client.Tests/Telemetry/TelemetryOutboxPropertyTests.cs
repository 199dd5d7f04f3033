using CsCheck;
using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.Cloud.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Cloud.Client.Tests.Telemetry;

/// <summary>
/// Any interleaving of enqueues, outages, lost responses and drains: once the service is reachable and the
/// outbox drained, the service holds every record exactly once, and each stream in enqueue order.
/// </summary>
public sealed class TelemetryOutboxPropertyTests
{
    // 0: enqueue on "a", 1: enqueue on "b", 2: service down, 3: service up, 4: lose the next response, 5: drain.
    private static readonly Gen<int[]> Operations = Gen.Int[0, 5].Array[1, 40];

    [Fact]
    public void AnyInterleaving_DeliversEveryRecordExactlyOnceInOrder()
    {
        Operations.Sample(
            operations =>
            {
                var directory = Path.Combine(Path.GetTempPath(), "edgeai-outbox-prop-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(directory);
                try
                {
                    Run(operations, directory).GetAwaiter().GetResult();
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(directory, recursive: true);
                }
            },
            iter: 40);
    }

    private static async Task Run(int[] operations, string directory)
    {
        var time = new FakeTimeProvider();
        var server = new FakeTelemetryServer();
        using var outbox = new TelemetryOutbox(new TelemetryOutboxOptions { DatabasePath = Path.Combine(directory, "o.db"), BatchSize = 3 }, time);
        using var http = TestCloud.Http(server.Handler, time, o => { o.MaxRetries = 0; o.CircuitMinimumThroughput = int.MaxValue; });
        var forwarder = new TelemetryForwarder(outbox, http, time);
        var enqueued = new Dictionary<string, List<string>> { ["a"] = [], ["b"] = [] };
        var n = 0;
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case 0 or 1:
                    var stream = operation == 0 ? "a" : "b";
                    var payload = (n++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await outbox.EnqueueAsync(stream, payload);
                    enqueued[stream].Add(payload);
                    break;
                case 2:
                    server.Down = true;
                    break;
                case 3:
                    server.Down = false;
                    break;
                case 4:
                    server.LoseNextResponse = true;
                    break;
                default:
                    await forwarder.DrainAsync();
                    break;
            }
        }

        server.Down = false;
        server.LoseNextResponse = false;
        await forwarder.DrainAsync();

        Assert.Equal(0, await outbox.PendingCountAsync());
        foreach (var (stream, payloads) in enqueued)
        {
            Assert.Equal(payloads, server.Stored.Where(s => s.Stream == stream).Select(s => s.Payload));
        }
    }
}
