using System.Diagnostics;
using EdgeAi.Devices.Simulation.Clock;

namespace EdgeAi.Devices.Tests.Clock;

[Collection(nameof(SerialSimulationTests))]
public sealed class SimulationClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AdvanceTo_TimersWithDifferentDueTimes_FireInDueOrderAtTheirSimulatedTime()
    {
        var clock = new SimulationClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var middle = clock.CreateTimer(_ => fired.Add(("middle", clock.GetUtcNow())), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);

        clock.AdvanceTo(Start.AddMinutes(1));

        Assert.Equal(["early", "middle", "late"], fired.Select(f => f.Name));
        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], fired.Select(f => f.At));
        Assert.Equal(Start.AddMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public void AdvanceTo_SameDueTime_FiresInCreationOrder()
    {
        var clock = new SimulationClock(Start);
        var fired = new List<int>();
        var timers = Enumerable.Range(0, 5)
            .Select(i => clock.CreateTimer(_ => fired.Add(i), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan))
            .ToList();

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([0, 1, 2, 3, 4], fired);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresEveryPeriodUntilDisposed()
    {
        var clock = new SimulationClock(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(95));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(9, count);
        Assert.Equal(0, clock.ScheduledTimerCount);
    }

    [Fact]
    public void Change_RescheduledTimer_FiresOnlyAtTheNewTime()
    {
        var clock = new SimulationClock(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));
        timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal([Start.AddSeconds(25)], fired);
    }

    [Fact]
    public async Task TaskDelay_OnTheClock_CompletesWhenSimulatedTimeComes()
    {
        var clock = new SimulationClock(Start);
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        var completedEarly = delay.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(completedEarly);
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsyncMax_PeriodicTimerLoop_EveryTickSeesItsOwnContinuationBeforeTimeMoves()
    {
        // The loop's continuation runs on the thread pool (PeriodicTimer completes asynchronously); the clock must let it
        // run and re-arm before the next instant, or ticks would be skipped.
        // The settle wait ends as soon as the pool is quiet; its timeout only bounds it. On a loaded CI machine a
        // continuation can take longer than the 20 ms default to get a thread, so give the test room.
        var clock = new SimulationClock(Start) { SettleTimeout = TimeSpan.FromSeconds(2) };
        var ticks = new List<DateTimeOffset>();
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        var loop = Task.Run(async () =>
        {
            while (ticks.Count < 30 && await periodic.WaitForNextTickAsync())
            {
                await Task.Yield();
                ticks.Add(clock.GetUtcNow());
            }
        });
        await WaitUntilAsync(() => clock.ScheduledTimerCount > 0);

        await clock.RunAsync(SimulationSpeed.Max, Start.AddSeconds(300)).WaitAsync(TimeSpan.FromSeconds(20));
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(1, 30).Select(i => Start.AddSeconds(10 * i)), ticks);
    }

    [Fact]
    public async Task RunAsyncMax_TaskDelayLoopOnThePool_EachDelayEndsAtItsSimulatedTime()
    {
        // The settle wait ends as soon as the pool is quiet; its timeout only bounds it. On a loaded CI machine a
        // continuation can take longer than the 20 ms default to get a thread, so give the test room.
        var clock = new SimulationClock(Start) { SettleTimeout = TimeSpan.FromSeconds(2) };
        var wakes = new List<DateTimeOffset>();
        var loop = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), clock).ConfigureAwait(false);
                await Task.Run(() => wakes.Add(clock.GetUtcNow()));
            }
        });
        await WaitUntilAsync(() => clock.ScheduledTimerCount > 0);

        await clock.RunAsync(SimulationSpeed.Max, Start.AddMinutes(10)).WaitAsync(TimeSpan.FromSeconds(20));
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(1, 60).Select(i => Start.AddSeconds(10 * i)), wakes);
    }

    [Fact]
    public async Task RunAsyncMax_HoldAdvance_TimeWaitsForTheHolder()
    {
        var clock = new SimulationClock(Start);
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var hold = clock.HoldAdvance();

        var run = clock.RunAsync(SimulationSpeed.Max, Start.AddHours(1));
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        var whileHeld = clock.GetUtcNow();
        hold.Dispose();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Start, whileHeld);
        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task RunAsyncMax_SimulatedDayOfTenSecondTimers_TakesSecondsNotADay()
    {
        var clock = new SimulationClock(Start);
        var a = 0;
        var b = 0;
        using var first = clock.CreateTimer(_ => a++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        using var second = clock.CreateTimer(_ => b++, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        var wall = Stopwatch.StartNew();

        await clock.RunAsync(SimulationSpeed.Max, Start.AddDays(1)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(8640, a);
        Assert.Equal(8640, b);
        Assert.Equal(Start.AddDays(1), clock.GetUtcNow());
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(10), $"a simulated day took {wall.Elapsed} of real time");
    }

    [Fact]
    public async Task RunAsyncScaled_Sixty_AdvancesAboutSixtySecondsPerRealSecond()
    {
        var clock = new SimulationClock(Start);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var wall = Stopwatch.StartNew();

        var run = clock.RunAsync(SimulationSpeed.Scaled(60), cancellationToken: stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var simulated = clock.GetUtcNow() - Start;
        var real = wall.Elapsed;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));

        // Tolerant: a loaded machine may lag, but simulated time must follow wall time x 60, never run ahead.
        Assert.InRange(simulated.TotalSeconds, 30.0, (real.TotalSeconds * 60.0) + 1.0);
        Assert.InRange(fired, 25, 200);
    }

    [Fact]
    public void AdvanceTo_CallbackThrows_ExceptionSurfacesFromTheDriver()
    {
        var clock = new SimulationClock(Start);
        using var timer = clock.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        var error = Assert.Throws<InvalidOperationException>(() => clock.Advance(TimeSpan.FromSeconds(2)));

        Assert.Equal("boom", error.Message);
    }

    [Theory]
    [InlineData("max", true, double.PositiveInfinity)]
    [InlineData("60", false, 60.0)]
    [InlineData("0.5", false, 0.5)]
    public void Parse_ValidText_GivesSpeed(string text, bool isMax, double scale)
    {
        var speed = SimulationSpeed.Parse(text);

        Assert.Equal(isMax, speed.IsMax);
        Assert.Equal(scale, speed.Scale);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("fast")]
    public void Parse_InvalidText_Throws(string text) => Assert.Throws<FormatException>(() => SimulationSpeed.Parse(text));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
