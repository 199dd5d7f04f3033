using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.Cloud.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Cloud.Client.Tests.Telemetry;

public sealed class TelemetryOutboxTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgeai-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeTelemetryServer _server = new();

    public TelemetryOutboxTests()
    {
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public async Task Drain_SendsEveryStreamInOrder_ThenEmpties()
    {
        using var outbox = Open();
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync("readings", $$"""{"t":{{i}}}""");
        }

        await outbox.EnqueueAsync("audit", """{"who":"hub"}""", OutboxRecordKind.Durable);

        var sent = await Forwarder(outbox).DrainAsync();

        Assert.Equal(6, sent);
        Assert.Equal([1L, 2, 3, 4, 5], _server.Stored.Where(s => s.Stream == "readings").Select(s => s.Sequence));
        Assert.Equal("""{"t":4}""", _server.Stored.Last(s => s.Stream == "readings").Payload);
        Assert.Equal(6, _server.Stored.Select(s => (s.Stream, s.Key)).Distinct().Count());
        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Equal((6, 6, 0), (outbox.Queued, outbox.Sent, outbox.Dropped));
    }

    [Fact]
    public async Task Drain_UsesBatchesOfTheConfiguredSize()
    {
        using var outbox = Open(o => o.BatchSize = 2);
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync("readings", "1");
        }

        await Forwarder(outbox).DrainAsync();

        Assert.Equal([2, 2, 1], _server.BatchSizes);
    }

    [Fact]
    public async Task Drain_ServiceDown_KeepsEverything_ThenSendsEachRecordOnce()
    {
        using var outbox = Open(o => o.BatchSize = 2);
        for (var i = 0; i < 3; i++)
        {
            await outbox.EnqueueAsync("readings", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _server.Down = true;
        Assert.Equal(0, await Forwarder(outbox).DrainAsync());
        Assert.Equal(3, await outbox.PendingCountAsync());

        _server.Down = false;
        Assert.Equal(3, await Forwarder(outbox).DrainAsync());
        Assert.Equal(["0", "1", "2"], _server.Stored.Select(s => s.Payload));
    }

    [Fact]
    public async Task Drain_ResentBatchAfterLostResponse_IsStoredOnce()
    {
        using var outbox = Open();
        await outbox.EnqueueAsync("readings", "1");
        await outbox.EnqueueAsync("readings", "2");
        _server.LoseNextResponse = true;

        Assert.Equal(0, await Forwarder(outbox).DrainAsync());
        Assert.Equal(2, await outbox.PendingCountAsync());
        Assert.Equal(2, await Forwarder(outbox).DrainAsync());

        Assert.Equal(["1", "2"], _server.Stored.Select(s => s.Payload));
        Assert.Equal(0, await outbox.PendingCountAsync());
    }

    [Theory]
    [InlineData("readings", "{not json")]
    [InlineData("read ings", "1")]
    [InlineData("", "1")]
    public async Task Enqueue_InvalidInput_ThrowsAndQueuesNothing(string stream, string payload)
    {
        using var outbox = Open();

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(stream, payload));

        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Equal(0, outbox.Queued);
    }

    [Fact]
    public async Task Enqueue_OverByteBound_DropsOldestTelemetry_NeverDurable()
    {
        // Each row counts 64 bytes of overhead plus its payload (1 byte): 4 rows fit in 260 bytes.
        using var outbox = Open(o => o.MaxBytes = 260);
        await outbox.EnqueueAsync("commands", "0", OutboxRecordKind.Durable);
        for (var i = 1; i <= 5; i++)
        {
            await outbox.EnqueueAsync("readings", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Forwarder(outbox).DrainAsync();

        Assert.Equal(["0"], _server.Stored.Where(s => s.Stream == "commands").Select(s => s.Payload));
        Assert.Equal(["3", "4", "5"], _server.Stored.Where(s => s.Stream == "readings").Select(s => s.Payload));
        Assert.Equal(2, outbox.Dropped);
    }

    [Fact]
    public async Task Drain_TelemetryOlderThanMaxAge_IsDropped_DurableKept()
    {
        using var outbox = Open(o => o.MaxAge = TimeSpan.FromHours(1));
        await outbox.EnqueueAsync("readings", "\"old\"");
        await outbox.EnqueueAsync("audit", "\"old audit\"", OutboxRecordKind.Durable);
        _time.Advance(TimeSpan.FromMinutes(61));
        await outbox.EnqueueAsync("readings", "\"new\"");

        await Forwarder(outbox).DrainAsync();

        Assert.Equal(["\"old audit\"", "\"new\""], _server.Stored.Select(s => s.Payload));
        Assert.Equal(1, outbox.Dropped);
    }

    [Fact]
    public async Task Reopen_KeepsQueuedRecords_AndContinuesSequences()
    {
        using (var first = Open())
        {
            await first.EnqueueAsync("readings", "1");
        }

        using var second = Open();
        await second.EnqueueAsync("readings", "2");
        await Forwarder(second).DrainAsync();

        Assert.Equal([1L, 2], _server.Stored.Select(s => s.Sequence));
        Assert.Equal(2, _server.Stored.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public async Task NewDatabase_UsesNewKeys_SoTheServiceNeverSeesThemAsDuplicates()
    {
        using (var first = Open(path: "a.db"))
        {
            await first.EnqueueAsync("readings", "1");
            await Forwarder(first).DrainAsync();
        }

        using var second = Open(path: "b.db");
        await second.EnqueueAsync("readings", "1");
        await Forwarder(second).DrainAsync();

        Assert.Equal(2, _server.Stored.Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private TelemetryOutbox Open(Action<TelemetryOutboxOptions>? configure = null, string path = "outbox.db")
    {
        var options = new TelemetryOutboxOptions { DatabasePath = Path.Combine(_directory, path), NodeId = "n1" };
        configure?.Invoke(options);
        return new TelemetryOutbox(options, _time);
    }

    private TelemetryForwarder Forwarder(TelemetryOutbox outbox) =>
        new(outbox, TestCloud.Http(_server.Handler, _time, o => o.MaxRetries = 0), _time);
}
