namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>
/// A timer of a <see cref="SimulationClock"/>: an event in the clock's queue that fires when simulated time reaches its
/// due time, then again every period if it has one. <see cref="Change"/> and <see cref="Dispose"/> are thread-safe.
/// </summary>
internal sealed class SimulationTimer : ITimer
{
    private readonly SimulationClock _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _context;

    public SimulationTimer(SimulationClock clock, long creationOrder, TimerCallback callback, object? state)
    {
        _clock = clock;
        CreationOrder = creationOrder;
        _callback = callback;
        _state = state;

        // As System.Threading.Timer does, the callback runs in the creator's execution context (AsyncLocal values).
        _context = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.Capture();
    }

    /// <summary>Ties equal due times: the timer created first fires first.</summary>
    public long CreationOrder { get; }

    /// <summary>Bumped on every (re)schedule, so queue entries of an earlier schedule are skipped. Guarded by the clock's lock.</summary>
    public long Generation { get; set; }

    /// <summary>Period after the next firing, or zero for a one-shot timer. Guarded by the clock's lock.</summary>
    public TimeSpan Period { get; set; }

    /// <summary>Guarded by the clock's lock.</summary>
    public bool Disposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _clock.Schedule(this, dueTime, period);

    public void Dispose() => _clock.Cancel(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback on the calling (clock) thread.</summary>
    public void Fire()
    {
        if (_context is null)
        {
            _callback(_state);
        }
        else
        {
            ExecutionContext.Run(_context, static s => ((SimulationTimer)s!)._callback(((SimulationTimer)s!)._state), this);
        }
    }
}
