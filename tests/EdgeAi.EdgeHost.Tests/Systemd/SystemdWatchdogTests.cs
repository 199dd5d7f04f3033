using EdgeAi.EdgeHost.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.EdgeHost.Tests.Systemd;

public sealed class SystemdWatchdogTests
{
    [Theory]
    [InlineData("10000000", null, 5.0)]
    [InlineData("2000000", "42", 1.0)]
    public void PingInterval_WatchdogForThisProcess_IsHalfTheTimeout(string usec, string? pid, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SystemdWatchdog.PingInterval(usec, pid, processId: 42));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("abc", null)]
    [InlineData("-5", null)]
    [InlineData("10000000", "43")]
    public void PingInterval_NoWatchdogForThisProcess_IsNull(string? usec, string? pid)
    {
        Assert.Null(SystemdWatchdog.PingInterval(usec, pid, processId: 42));
    }

    [Fact]
    public async Task Execute_UnderSystemdWithWatchdog_PingsAtHalfTheInterval()
    {
        var notifier = new RecordingNotifier();
        var time = new FakeTimeProvider();
        using var services = new ServiceCollection().AddSingleton<ISystemdNotifier>(notifier).BuildServiceProvider();
        var environment = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = "4000000" };
        using var watchdog = new SystemdWatchdog(services, time, NullLogger<SystemdWatchdog>.Instance, k => environment.GetValueOrDefault(k));

        await watchdog.StartAsync(CancellationToken.None);
        await WaitForAsync(() => notifier.Count >= 1); // one ping at once (the timer exists by then)
        time.Advance(TimeSpan.FromSeconds(1.9));
        var beforeHalfInterval = notifier.Count;
        time.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForAsync(() => notifier.Count >= 2);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => notifier.Count >= 3);
        await watchdog.StopAsync(CancellationToken.None);

        Assert.Equal(1, beforeHalfInterval);

        Assert.Equal(3, notifier.Count);
        Assert.All(notifier.States, s => Assert.Equal("WATCHDOG=1", s));
    }

    [Fact]
    public async Task Execute_NotUnderSystemd_DoesNothingAndDoesNotThrow()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var environment = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = "4000000" };
        using var watchdog = new SystemdWatchdog(services, new FakeTimeProvider(), NullLogger<SystemdWatchdog>.Instance, k => environment.GetValueOrDefault(k));

        await watchdog.StartAsync(CancellationToken.None);
        await watchdog.ExecuteTask!;

        Assert.True(watchdog.ExecuteTask.IsCompletedSuccessfully);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _states = [];

        public bool IsEnabled => true;

        public int Count { get { lock (_states) { return _states.Count; } } }

        public IReadOnlyList<string> States { get { lock (_states) { return [.. _states]; } } }

        public void Notify(ServiceState state)
        {
            lock (_states)
            {
                _states.Add(state.ToString());
            }
        }
    }
}
