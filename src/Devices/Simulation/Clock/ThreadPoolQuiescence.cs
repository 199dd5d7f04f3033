using System.Diagnostics;

namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>
/// Tells when the .NET thread pool has gone quiet: nothing queued, nothing completing, and no more worker threads busy
/// than its idle floor (threads blocked in synchronous waits stay "busy" for ever). Used by one driver at a time.
/// </summary>
internal sealed class ThreadPoolQuiescence
{
    private int _busyFloor;

    /// <summary>Starts by assuming no worker thread is blocked; the first wait that times out learns how many are.</summary>
    public void ResetFloor() => _busyFloor = 0;

    /// <summary>
    /// Returns once the pool has stayed quiet for <paramref name="window"/>, or after <paramref name="timeout"/>; holds
    /// taken meanwhile are waited for too.
    /// </summary>
    public void WaitForQuiet(TimeSpan window, TimeSpan timeout, AdvanceHolds holds, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var quietSince = start;
        var completed = ThreadPool.CompletedWorkItemCount;
        var leastBusy = int.MaxValue;
        var spinner = default(SpinWait);
        while (true)
        {
            holds.WaitUntilReleased(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var completedNow = ThreadPool.CompletedWorkItemCount;
            var busy = BusyWorkerThreads();
            leastBusy = Math.Min(leastBusy, busy);
            _busyFloor = Math.Min(_busyFloor, busy);
            if (ThreadPool.PendingWorkItemCount != 0 || completedNow != completed || busy > _busyFloor)
            {
                completed = completedNow;
                quietSince = now;
            }
            else if (Stopwatch.GetElapsedTime(quietSince, now) >= window)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(start, now) >= timeout)
            {
                // Threads busy through a whole timeout are blocked in synchronous waits (or computing for long), not
                // running this instant's continuations: they are the idle floor from now on. A floor set too high drops
                // again at the first check that sees fewer threads busy.
                _busyFloor = leastBusy;
                return;
            }

            // Yield so thread-pool threads get a core to run the continuations this instant queued (2-core boards).
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Worker threads running a work item now: the pool reports max − processing as available
    /// (PortableThreadPool.GetAvailableThreads), so a continuation already dequeued but still running is seen too.
    /// </summary>
    private static int BusyWorkerThreads()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available;
    }
}
