namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// Knows whether the node's loops are still turning. Each long-running loop registers once and calls
/// <see cref="LivenessLoop.Beat"/> on every turn; the systemd watchdog asks <see cref="TryFindStalled"/>
/// before each <c>WATCHDOG=1</c>, so a loop that stops turning (a deadlock, a blocked driver call, a starved
/// thread pool) stops the pings and systemd restarts the node. Registration and beats may come from any thread.
/// </summary>
internal sealed class Liveness(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<LivenessLoop> _loops = [];

    /// <summary>
    /// Registers a loop that promises to beat at least once every <paramref name="deadline"/>. It counts as
    /// alive from the moment it registers.
    /// </summary>
    public LivenessLoop Register(string name, TimeSpan deadline)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadline, TimeSpan.Zero);
        var loop = new LivenessLoop(name, deadline, time);
        lock (_gate)
        {
            _loops.Add(loop);
        }

        return loop;
    }

    /// <summary>Removes a loop that ended on purpose (the host is stopping), so it is not taken for a stalled one.</summary>
    public void Unregister(LivenessLoop loop)
    {
        lock (_gate)
        {
            _loops.Remove(loop);
        }
    }

    /// <summary>
    /// Finds a loop whose last beat is older than its deadline. Returns false when every loop is alive
    /// (also when none is registered: a node with no loops has nothing that can hang).
    /// </summary>
    public bool TryFindStalled(out string name, out TimeSpan silentFor)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            foreach (var loop in _loops)
            {
                var silence = time.GetElapsedTime(loop.LastBeat, now);
                if (silence > loop.Deadline)
                {
                    name = loop.Name;
                    silentFor = silence;
                    return true;
                }
            }
        }

        name = string.Empty;
        silentFor = TimeSpan.Zero;
        return false;
    }
}
