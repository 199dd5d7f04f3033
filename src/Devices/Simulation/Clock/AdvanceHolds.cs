namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>The count of outstanding <see cref="SimulationClock.HoldAdvance"/> handles. Thread-safe.</summary>
internal sealed class AdvanceHolds
{
    private readonly object _gate = new();
    private int _count;

    /// <summary>Takes a hold; disposing the handle (once or more) releases it.</summary>
    public IDisposable Take()
    {
        lock (_gate)
        {
            _count++;
        }

        return new Handle(this);
    }

    /// <summary>Blocks until no hold is outstanding.</summary>
    public void WaitUntilReleased(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_count == 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed class Handle(AdvanceHolds holds) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                holds.Release();
            }
        }
    }
}
