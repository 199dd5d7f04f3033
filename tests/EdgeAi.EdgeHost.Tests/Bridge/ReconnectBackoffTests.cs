using EdgeAi.EdgeHost.Bridge;

namespace EdgeAi.EdgeHost.Tests.Bridge;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delay_NeverExceedsCapAndNeverZero()
    {
        var cap = TimeSpan.FromSeconds(30);
        for (var failures = 0; failures < 100; failures++)
        {
            var delay = ReconnectBackoff.Delay(failures, cap);
            Assert.InRange(delay, TimeSpan.FromMilliseconds(250), cap);
        }
    }

    [Fact]
    public void Delay_GrowsWithFailures()
    {
        // The ceiling doubles per failure: after 6 failures it is 32 s (capped to 30), so the mean is far above the first attempt's.
        var first = Enumerable.Range(0, 200).Average(_ => ReconnectBackoff.Delay(0, TimeSpan.FromSeconds(30)).TotalMilliseconds);
        var later = Enumerable.Range(0, 200).Average(_ => ReconnectBackoff.Delay(6, TimeSpan.FromSeconds(30)).TotalMilliseconds);

        Assert.InRange(first, 250, 500);
        Assert.True(later > 5 * first, $"mean delay after 6 failures {later} ms vs first {first} ms");
    }
}
