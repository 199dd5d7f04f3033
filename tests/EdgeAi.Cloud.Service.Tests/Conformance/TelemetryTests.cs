using System.Net;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Telemetry ingestion: idempotent by key, atomic per batch, bound to the token's name.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class TelemetryTests(ServiceFixture fixture)
{
    private static string Batch(string stream, int from, int count, string? node = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["node"] = node,
            ["records"] = Enumerable.Range(from, count).Select(i => new Dictionary<string, object>
            {
                ["stream"] = stream,
                ["key"] = $"{stream}-{i}",
                ["sequence"] = i,
                ["timestamp"] = "2026-11-23T10:00:00+00:00",
                ["payload"] = new Dictionary<string, object> { ["temperature_c"] = 20.5 + i, ["room"] = "kitchen" },
            }).ToList(),
        }.Where(p => p.Value is not null).ToDictionary());

    private async Task<List<JsonElement>> StoredAsync(string stream)
    {
        var (status, body) = await fixture.Client.GetJsonAsync($"/edgeai/v1/telemetry?stream={stream}&limit=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("records").EnumerateArray()];
    }

    /// <summary>A retried batch (the response was lost) and an overlapping one store every record exactly once.</summary>
    [Fact]
    public async Task Ingest_RetriedAndOverlappingBatches_StoreEachRecordOnce()
    {
        var first = await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", Batch("retry", 0, 3));
        var retry = await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", Batch("retry", 0, 3));
        var overlap = await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", Batch("retry", 2, 3));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((3, 0), (first.Body.GetProperty("accepted").GetInt32(), first.Body.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 3), (retry.Body.GetProperty("accepted").GetInt32(), retry.Body.GetProperty("duplicates").GetInt32()));
        Assert.Equal((2, 1), (overlap.Body.GetProperty("accepted").GetInt32(), overlap.Body.GetProperty("duplicates").GetInt32()));

        var stored = await StoredAsync("retry");
        Assert.Equal(["retry-0", "retry-1", "retry-2", "retry-3", "retry-4"], stored.Select(r => r.GetProperty("key").GetString()));
        Assert.All(stored, r => Assert.Equal("conformance", r.GetProperty("node").GetString()));
        Assert.Equal(21.5, stored[1].GetProperty("payload").GetProperty("temperature_c").GetDouble());
        Assert.Equal("kitchen", stored[1].GetProperty("payload").GetProperty("room").GetString());
    }

    [Fact]
    public async Task Query_Paging_WithAfterCursor()
    {
        await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", Batch("paging", 0, 5));
        var (_, page1) = await fixture.Client.GetJsonAsync("/edgeai/v1/telemetry?stream=paging&limit=2");
        var after = page1.GetProperty("next_after").GetInt64();
        var (_, page2) = await fixture.Client.GetJsonAsync($"/edgeai/v1/telemetry?stream=paging&limit=10&after={after}");
        Assert.Equal(2, page1.GetProperty("records").GetArrayLength());
        Assert.Equal(["paging-2", "paging-3", "paging-4"], page2.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
    }

    /// <summary>One bad record refuses the whole batch: nothing of it is stored.</summary>
    [Fact]
    public async Task Ingest_BatchWithOneBadRecord_Is400AndStoresNothing()
    {
        var batch = Batch("atomic", 0, 3).Replace("\"sequence\":1,", "\"sequence\":-1,", StringComparison.Ordinal);
        Http.AssertError(await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", batch), HttpStatusCode.BadRequest, "records[1]: 'sequence'");
        Assert.Empty(await StoredAsync("atomic"));
    }

    [Theory]
    [InlineData("{", "malformed JSON")]
    [InlineData("[]", "'records' array")]
    [InlineData("""{"records": [{"stream": "s", "key": "k", "sequence": 1, "timestamp": "yesterday", "payload": 1}]}""", "'timestamp'")]
    [InlineData("""{"records": [{"stream": "a b", "key": "k", "sequence": 1, "timestamp": "2026-11-23T10:00:00Z", "payload": 1}]}""", "'stream'")]
    [InlineData("""{"records": [{"stream": "s", "key": "", "sequence": 1, "timestamp": "2026-11-23T10:00:00Z", "payload": 1}]}""", "'key'")]
    [InlineData("""{"records": [{"stream": "s", "key": "k", "sequence": 1, "timestamp": "2026-11-23T10:00:00Z"}]}""", "no 'payload'")]
    public async Task Ingest_Malformed_Is400(string body, string fragment)
    {
        Http.AssertError(await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", body), HttpStatusCode.BadRequest, fragment);
    }

    /// <summary>A token writes only as its own node.</summary>
    [Fact]
    public async Task Ingest_AsAnotherNode_Is403()
    {
        Http.AssertError(await fixture.Client.PostJsonAsync("/edgeai/v1/telemetry", Batch("spoof", 0, 1, node: "someone-else")), HttpStatusCode.Forbidden, "'conformance'");
        Assert.Empty(await StoredAsync("spoof"));
    }

    [Fact]
    public async Task Query_BadParameters_Are400()
    {
        Http.AssertError(await fixture.Client.GetJsonAsync("/edgeai/v1/telemetry?limit=0"), HttpStatusCode.BadRequest, "'limit'");
        Http.AssertError(await fixture.Client.GetJsonAsync("/edgeai/v1/telemetry?after=-1"), HttpStatusCode.BadRequest, "'after'");
        Http.AssertError(await fixture.Client.GetJsonAsync("/edgeai/v1/telemetry?node=a%20b"), HttpStatusCode.BadRequest, "'node'");
    }
}
