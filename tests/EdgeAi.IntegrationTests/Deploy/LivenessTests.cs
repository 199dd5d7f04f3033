using EdgeAi.EdgeHost.Health;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.IntegrationTests.Deploy;

public sealed class LivenessTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryFindStalled_LoopBeatWithinItsDeadline_FindsNone()
    {
        var liveness = new Liveness(_time);
        var loop = liveness.Register("sensors", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(4));
        loop.Beat();
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.False(liveness.TryFindStalled(out _, out _));
    }

    [Fact]
    public void TryFindStalled_LoopSilentPastItsDeadline_NamesItAndTheSilence()
    {
        var liveness = new Liveness(_time);
        liveness.Register("fast", TimeSpan.FromSeconds(60));
        liveness.Register("sensors", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(liveness.TryFindStalled(out var name, out var silentFor));
        Assert.Equal("sensors", name);
        Assert.Equal(TimeSpan.FromSeconds(6), silentFor);
    }

    [Fact]
    public void TryFindStalled_LoopUnregisteredOnStop_IsNotReported()
    {
        var liveness = new Liveness(_time);
        var loop = liveness.Register("sensors", TimeSpan.FromSeconds(5));

        liveness.Unregister(loop);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(liveness.TryFindStalled(out _, out _));
    }
}
