using System.Diagnostics;

namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>
/// A discrete-event clock behind <see cref="TimeProvider"/>: timers are events in a priority queue ordered by due time,
/// then by the order the timers were created; <see cref="GetUtcNow"/> is simulated time. Works wherever the runtime takes
/// a <see cref="TimeProvider"/> (<c>Task.Delay(TimeSpan, TimeProvider)</c>, <c>PeriodicTimer(TimeSpan, TimeProvider)</c>,
/// <c>CancellationTokenSource(TimeSpan, TimeProvider)</c>).
/// </summary>
/// <remarks>
/// <para>Time moves only when someone drives it: <see cref="AdvanceTo"/>/<see cref="Advance"/> (tests, scenarios) or
/// <see cref="RunAsync"/> with a <see cref="SimulationSpeed"/> (a time scale N, or <see cref="SimulationSpeed.Max"/>).
/// Only one driver runs at a time. Timer callbacks run synchronously on the driving thread, one at a time, in queue
/// order, so a given sequence of events always fires in the same order; an exception thrown by a callback stops the
/// driver and surfaces from it.</para>
/// <para>Quiescence guarantee (the max-speed mode and the manual advance): after the events due at an instant have fired,
/// simulated time does not move on until (1) no <see cref="HoldAdvance"/> is outstanding, and (2) the .NET thread pool has
/// had no queued work item, no more worker threads running one than its idle floor (threads blocked in synchronous waits,
/// learnt as those busy through a whole <see cref="SettleTimeout"/>), and completed none for
/// <see cref="SettleQuietWindow"/> of real time, or
/// <see cref="SettleTimeout"/> of real time has passed (so unrelated background work cannot stall the simulation forever).
/// Work that awaits something outside the process (a socket, a broker) is invisible to (2): a component that must see
/// its I/O finish before time jumps holds the clock with <see cref="HoldAdvance"/>, which has no timeout.</para>
/// <para>With a time scale, simulated time follows the wall clock times N, in steps of at most 10 ms of real time, and
/// events fire when their simulated time comes; no settling is done, since real time passes anyway.</para>
/// </remarks>
public sealed class SimulationClock : TimeProvider
{
    private static readonly TimeSpan ScaledTick = TimeSpan.FromMilliseconds(10);
    private readonly Lock _gate = new();
    private readonly PriorityQueue<(SimulationTimer Timer, long Generation), (long DueTicks, long Order)> _queue = new();
    private readonly AdvanceHolds _holds = new();
    private readonly ThreadPoolQuiescence _threadPool = new();
    private long _nowTicks;
    private long _nextCreationOrder;
    private int _driving;

    /// <summary>Creates a clock standing at <paramref name="start"/>.</summary>
    public SimulationClock(DateTimeOffset start) => _nowTicks = start.UtcTicks;

    /// <summary>
    /// How long the thread pool must stay quiet (nothing queued, nothing completed) before time moves past an instant
    /// (default 100 µs). Zero skips the thread-pool check; holds are still honoured.
    /// </summary>
    public TimeSpan SettleQuietWindow { get; set; } = TimeSpan.FromTicks(1000);

    /// <summary>Upper bound on the thread-pool wait per instant (default 20 ms); holds are not bounded.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Number of timers scheduled to fire.</summary>
    public int ScheduledTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.UnorderedItems.Count(e => !e.Element.Timer.Disposed && e.Element.Timer.Generation == e.Element.Generation);
            }
        }
    }

    /// <summary>When the next timer fires, or null when none is scheduled.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            lock (_gate)
            {
                return PeekDueTicks() is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>Simulated time.</summary>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    /// <summary>Timestamps are simulated ticks, so elapsed-time measurement through this provider is simulated too.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _nowTicks);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulationTimer(this, Interlocked.Increment(ref _nextCreationOrder), callback, state);
        Schedule(timer, dueTime, period);
        return timer;
    }

    /// <summary>
    /// Keeps simulated time from moving past the current instant until the returned handle is disposed: a component
    /// doing work the clock cannot see (socket I/O) holds it so its work lands at the instant that caused it.
    /// </summary>
    public IDisposable HoldAdvance() => _holds.Take();

    /// <summary>Advances simulated time by <paramref name="delta"/>, firing due events instant by instant (see remarks).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + delta);
    }

    /// <summary>
    /// Fires every event due up to <paramref name="target"/> in order, settling after each instant as in max speed, and
    /// leaves the clock at <paramref name="target"/>. Runs on the calling thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another driver is running (or a timer callback calls this).</exception>
    public void AdvanceTo(DateTimeOffset target)
    {
        BeginDriving();
        try
        {
            RunMax(target.UtcTicks, CancellationToken.None);
        }
        finally
        {
            Volatile.Write(ref _driving, 0);
        }
    }

    /// <summary>
    /// Drives the clock at <paramref name="speed"/> on a dedicated thread until simulated time reaches
    /// <paramref name="until"/> (null: until cancelled). The task faults with a timer callback's exception, and is
    /// cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public Task RunAsync(SimulationSpeed speed, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        BeginDriving();
        var untilTicks = until?.UtcTicks ?? DateTimeOffset.MaxValue.UtcTicks;
        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    if (speed.IsMax)
                    {
                        RunMax(untilTicks, cancellationToken);
                    }
                    else
                    {
                        RunScaled(speed.Scale, untilTicks, cancellationToken);
                    }
                }
                finally
                {
                    Volatile.Write(ref _driving, 0);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    internal bool Schedule(SimulationTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive, or infinite.");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be zero or positive, or infinite.");
        }

        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            timer.Generation++;

            // As with System.Threading.Timer, a zero or infinite period means the timer fires once.
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Enqueue(timer, Interlocked.Read(ref _nowTicks) + dueTime.Ticks);
            }

            return true;
        }
    }

    internal void Cancel(SimulationTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            timer.Generation++;
        }
    }

    private void BeginDriving()
    {
        if (Interlocked.CompareExchange(ref _driving, 1, 0) != 0)
        {
            throw new InvalidOperationException("The simulation clock is already being driven; only one driver may advance it at a time.");
        }

        _threadPool.ResetFloor();
    }

    private void RunMax(long untilTicks, CancellationToken cancellationToken)
    {
        var unbounded = untilTicks == DateTimeOffset.MaxValue.UtcTicks;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Settle(cancellationToken);
            if (FireInstant(untilTicks))
            {
                continue;
            }

            if (!unbounded)
            {
                break;
            }

            // Nothing is scheduled and no end is set: wait for the process to schedule something.
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(1));
        }

        MoveNowTo(untilTicks);
    }

    private void RunScaled(double scale, long untilTicks, CancellationToken cancellationToken)
    {
        var wallStart = Stopwatch.GetTimestamp();
        var simStart = Interlocked.Read(ref _nowTicks);
        while (Interlocked.Read(ref _nowTicks) < untilTicks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = Stopwatch.GetElapsedTime(wallStart);
            var target = (long)Math.Min(untilTicks, simStart + (elapsed.Ticks * scale));
            while (FireInstant(target))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            MoveNowTo(target);
            var wait = ScaledTick;
            if (NextDueTime is { } next)
            {
                var untilNext = TimeSpan.FromTicks((long)((next.UtcTicks - target) / scale));
                wait = untilNext < wait ? untilNext : wait;
            }

            if (wait > TimeSpan.Zero)
            {
                cancellationToken.WaitHandle.WaitOne(wait);
            }
        }
    }

    /// <summary>Fires every event due at the earliest due instant, if that is at or before <paramref name="limitTicks"/>.</summary>
    private bool FireInstant(long limitTicks)
    {
        long instant;
        lock (_gate)
        {
            if (PeekDueTicks() is not { } due || due > limitTicks)
            {
                return false;
            }

            instant = Math.Max(due, Interlocked.Read(ref _nowTicks));
            Interlocked.Exchange(ref _nowTicks, instant);
        }

        while (true)
        {
            SimulationTimer timer;
            lock (_gate)
            {
                if (PeekDueTicks() is not { } due || due > instant)
                {
                    return true;
                }

                timer = _queue.Dequeue().Timer;
                if (timer.Period > TimeSpan.Zero)
                {
                    timer.Generation++;
                    Enqueue(timer, due + timer.Period.Ticks);
                }
            }

            timer.Fire();
        }
    }

    /// <summary>The due time of the first live entry; drops entries of earlier schedules. Caller holds the lock.</summary>
    private long? PeekDueTicks()
    {
        while (_queue.TryPeek(out var entry, out var priority))
        {
            if (!entry.Timer.Disposed && entry.Timer.Generation == entry.Generation)
            {
                return priority.DueTicks;
            }

            _queue.Dequeue();
        }

        return null;
    }

    private void Enqueue(SimulationTimer timer, long dueTicks) =>
        _queue.Enqueue((timer, timer.Generation), (dueTicks, timer.CreationOrder));

    private void MoveNowTo(long ticks)
    {
        lock (_gate)
        {
            if (ticks > Interlocked.Read(ref _nowTicks))
            {
                Interlocked.Exchange(ref _nowTicks, ticks);
            }
        }
    }

    /// <summary>Waits for the quiescence described in the remarks.</summary>
    private void Settle(CancellationToken cancellationToken)
    {
        _holds.WaitUntilReleased(cancellationToken);
        if (SettleQuietWindow > TimeSpan.Zero)
        {
            _threadPool.WaitForQuiet(SettleQuietWindow, SettleTimeout, _holds, cancellationToken);
        }
    }
}
