namespace EdgeAi.EdgeHost.Health;

/// <summary>One registered loop of <see cref="Liveness"/>: the loop calls <see cref="Beat"/> on every turn.</summary>
internal sealed class LivenessLoop
{
    private readonly TimeProvider _time;
    private long _lastBeat;

    internal LivenessLoop(string name, TimeSpan deadline, TimeProvider time)
    {
        Name = name;
        Deadline = deadline;
        _time = time;
        _lastBeat = time.GetTimestamp();
    }

    /// <summary>The loop's name, as the watchdog logs it.</summary>
    public string Name { get; }

    /// <summary>How long the loop may stay silent before it counts as stalled.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the last beat.</summary>
    public long LastBeat => Volatile.Read(ref _lastBeat);

    /// <summary>Records that the loop turned now. Allocation-free, so hot loops may call it every turn.</summary>
    public void Beat() => Volatile.Write(ref _lastBeat, _time.GetTimestamp());
}
