using System.Net;
using System.Text.Json;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>The service's idempotent telemetry ingestion in memory: keyed by (stream, key), counts accepted and duplicates; can be switched off.</summary>
public sealed class FakeTelemetryServer
{
    public bool Down { get; set; }

    /// <summary>Store the next batch, then fail as if the response was lost on the way back.</summary>
    public bool LoseNextResponse { get; set; }

    public List<(string Stream, string Key, long Sequence, string Payload)> Stored { get; } = [];

    public List<int> BatchSizes { get; } = [];

    public FakeHandler Handler => new(Respond);

    private HttpResponseMessage Respond(HttpRequestMessage request, string? body)
    {
        if (Down)
        {
            throw new HttpRequestException("connection refused");
        }

        Assert.Equal("/edgeai/v1/telemetry", request.RequestUri!.AbsolutePath);
        using var document = JsonDocument.Parse(body!);
        var records = document.RootElement.GetProperty("records");
        BatchSizes.Add(records.GetArrayLength());
        int accepted = 0, duplicates = 0;
        foreach (var record in records.EnumerateArray())
        {
            var stream = record.GetProperty("stream").GetString()!;
            var key = record.GetProperty("key").GetString()!;
            Assert.True(record.GetProperty("timestamp").TryGetDateTimeOffset(out _));
            if (Stored.Any(s => s.Stream == stream && s.Key == key))
            {
                duplicates++;
                continue;
            }

            Stored.Add((stream, key, record.GetProperty("sequence").GetInt64(), record.GetProperty("payload").GetRawText()));
            accepted++;
        }

        if (LoseNextResponse)
        {
            LoseNextResponse = false;
            throw new HttpRequestException("connection reset after the service stored the batch");
        }

        return FakeHandler.Json(HttpStatusCode.OK, $$"""{"node":"n1","accepted":{{accepted}},"duplicates":{{duplicates}}}""");
    }
}
