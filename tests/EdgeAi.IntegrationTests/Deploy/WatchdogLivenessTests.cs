using EdgeAi.EdgeHost.Health;
using EdgeAi.EdgeHost.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>The watchdog consults <see cref="Liveness"/> before every ping, on a driven clock.</summary>
public sealed class WatchdogLivenessTests
{
    [Fact]
    public async Task Execute_LoopStalled_WithholdsPingsUntilTheLoopBeatsAgain()
    {
        var time = new FakeTimeProvider();
        var notifier = new CountingNotifier();
        var logger = new EventLogger();
        var liveness = new Liveness(time);
        var loop = liveness.Register("sensors", TimeSpan.FromSeconds(3));
        using var services = new ServiceCollection()
            .AddSingleton<ISystemdNotifier>(notifier)
            .AddSingleton(liveness)
            .BuildServiceProvider();
        // WATCHDOG_USEC=2 s: the watchdog decides once a second, starting at once.
        using var watchdog = new SystemdWatchdog(services, time, logger, k => k == "WATCHDOG_USEC" ? "2000000" : null);
        time.Advance(TimeSpan.FromSeconds(4)); // the loop has been silent past its 3 s deadline

        await watchdog.StartAsync(CancellationToken.None);
        await logger.WaitForAsync(1011);
        var pingsWhileStalled = notifier.Count;
        loop.Beat();
        time.Advance(TimeSpan.FromSeconds(1));
        await notifier.WaitForAsync(1);
        await logger.WaitForAsync(1012);
        await watchdog.StopAsync(CancellationToken.None);

        Assert.Equal(0, pingsWhileStalled);
        Assert.Equal(1, notifier.Count);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    private sealed class CountingNotifier : ISystemdNotifier
    {
        private int _count;

        public bool IsEnabled => true;

        public int Count => Volatile.Read(ref _count);

        public void Notify(ServiceState state) => Interlocked.Increment(ref _count);

        public Task WaitForAsync(int count) => WaitAsync(() => Count >= count);
    }

    private sealed class EventLogger : ILogger<SystemdWatchdog>
    {
        private readonly List<int> _events = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_events)
            {
                _events.Add(eventId.Id);
            }
        }

        public Task WaitForAsync(int eventId) => WaitAsync(() =>
        {
            lock (_events)
            {
                return _events.Contains(eventId);
            }
        });
    }
}
