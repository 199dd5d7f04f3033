using System.Net;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Oip;
using EdgeAi.Cloud.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Cloud.Client.Tests.Offload;

/// <summary>The offload policy against a fake OIP server (through the real client and resilience pipeline) on a fake clock.</summary>
public sealed class OffloadRouterTests
{
    private static readonly ModelAnswer Sure = new(1, 0.95f);
    private static readonly ModelAnswer Unsure = new(0, 0.55f);
    private static readonly float[] Features = [0.1f, 0.2f, 0.3f];
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task DecideAsync_ConfidentLocal_IsLocalWithoutCallingCloud()
    {
        var handler = Answering(2, 0.9);
        using var http = TestCloud.Http(handler, _time);
        var router = Router(Sure, http);

        var decision = await router.DecideAsync(Features);

        Assert.Equal(new OffloadDecision(Sure, InferenceTier.Local), decision);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task DecideAsync_UnsureLocal_UsesCloudAnswer()
    {
        var handler = Answering(2, 0.9);
        using var http = TestCloud.Http(handler, _time);
        var router = Router(Unsure, http);

        var decision = await router.DecideAsync(Features);

        Assert.Equal(InferenceTier.Cloud, decision.Tier);
        Assert.Equal(2, decision.Answer.Label);
        Assert.Equal(0.9f, decision.Answer.Confidence, 3);
        Assert.Contains("\"shape\":[1,3]", handler.Requests.Single().Body);
    }

    [Fact]
    public async Task DecideAsync_CloudSlowerThanDeadline_FallsBackExactlyAtDeadline()
    {
        var handler = new FakeHandler(async (_, _, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), _time, token);
            return FakeHandler.Json(HttpStatusCode.OK, Probabilities(2, 0.9));
        });
        using var http = TestCloud.Http(handler, _time);
        var router = Router(Unsure, http);

        var decision = router.DecideAsync(Features);
        await handler.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(299));
        await Task.Yield();
        Assert.False(decision.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var result = await decision.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new OffloadDecision(Unsure, InferenceTier.LocalFallback, "deadline"), result);
    }

    [Fact]
    public async Task DecideAsync_CloudAnswersJustInTime_IsCloud()
    {
        var handler = new FakeHandler(async (_, _, token) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, token);
            return FakeHandler.Json(HttpStatusCode.OK, Probabilities(2, 0.9));
        });
        using var http = TestCloud.Http(handler, _time);
        var router = Router(Unsure, http);

        var decision = router.DecideAsync(Features);
        await handler.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(InferenceTier.Cloud, (await decision.WaitAsync(TimeSpan.FromSeconds(10))).Tier);
    }

    [Fact]
    public async Task DecideAsync_CloudError_FallsBackToLocal()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var http = TestCloud.Http(handler, _time);
        var router = Router(Unsure, http);

        Assert.Equal(new OffloadDecision(Unsure, InferenceTier.LocalFallback, "error"), await router.DecideAsync(Features));
    }

    [Fact]
    public async Task DecideAsync_CircuitOpen_FallsBackWithoutCalling()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var http = TestCloud.Http(handler, _time, o => o.CircuitMinimumThroughput = 2);
        var router = Router(Unsure, http);
        await router.DecideAsync(Features);
        await router.DecideAsync(Features);
        Assert.False(http.IsAvailable);

        var decision = await router.DecideAsync(Features);

        Assert.Equal("circuit-open", decision.FallbackReason);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task DecideAsync_NoCloudConfigured_IsAlwaysLocal()
    {
        var router = new OffloadRouter(new FixedLocalModel(Unsure), null, new OffloadOptions(), _time);

        Assert.Equal(InferenceTier.Local, (await router.DecideAsync(Features)).Tier);
    }

    [Fact]
    public async Task Counters_CountEveryTier_AndRememberTheLast()
    {
        var fail = false;
        var handler = new FakeHandler((_, _) => fail
            ? FakeHandler.Json(HttpStatusCode.BadRequest, """{"error":"no"}""")
            : FakeHandler.Json(HttpStatusCode.OK, Probabilities(0, 0.99)));
        using var http = TestCloud.Http(handler, _time);
        var unsure = Router(Unsure, http);
        Assert.Null(unsure.Counters.LastTier);

        await unsure.DecideAsync(Features);
        await unsure.DecideAsync(Features);
        fail = true;
        await unsure.DecideAsync(Features);

        Assert.Equal(2, unsure.Counters.Cloud);
        Assert.Equal(1, unsure.Counters.LocalFallback);
        Assert.Equal(0, unsure.Counters.Local);
        Assert.Equal("local-fallback", unsure.Counters.LastTier!.Value.WireName());
    }

    private OffloadRouter Router(ModelAnswer local, CloudHttp http) =>
        new(new FixedLocalModel(local), new OipCloudModel(http, "classifier", "features", "probabilities"), new OffloadOptions { ConfidenceThreshold = 0.8f }, _time);

    private static FakeHandler Answering(int label, double confidence) =>
        new((_, _) => FakeHandler.Json(HttpStatusCode.OK, Probabilities(label, confidence)));

    private static string Probabilities(int label, double confidence)
    {
        var p = new double[3];
        Array.Fill(p, (1 - confidence) / 2);
        p[label] = confidence;
        return $$"""{"model_name":"classifier","outputs":[{"name":"probabilities","datatype":"FP32","shape":[1,3],"data":[{{string.Join(',', p.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}]}]}""";
    }
}
