using System.Diagnostics;

namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>
/// Tells when the .NET thread pool has gone quiet: nothing queued, nothing completing, and no more worker threads busy
/// than its idle floor (threads blocked in synchronous waits stay "busy" for ever). Used by one driver at a time.
/// </summary>
internal sealed class ThreadPoolQuiescence
{
    /// <summary>Consecutive timed-out waits needed before their least busy count becomes the floor.</summary>
    private const int TimeoutsToLearnFloor = 3;
    private int _busyFloor;
    private int _timeouts;
    private int _floorCandidate;

    /// <summary>Starts by assuming no worker thread is blocked; waits that keep timing out learn how many are.</summary>
    public void ResetFloor()
    {
        _busyFloor = 0;
        _timeouts = 0;
        _floorCandidate = int.MaxValue;
    }

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
        var lastBusy = -1;
        var spinner = default(SpinWait);
        while (true)
        {
            holds.WaitUntilReleased(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var completedNow = ThreadPool.CompletedWorkItemCount;
            var busy = BusyWorkerThreads();
            leastBusy = Math.Min(leastBusy, busy);
            _busyFloor = Math.Min(_busyFloor, busy);
            // Any thread starting or finishing work is activity, even when the count stays at or under the floor.
            if (ThreadPool.PendingWorkItemCount != 0 || completedNow != completed || busy > _busyFloor || busy != lastBusy)
            {
                completed = completedNow;
                lastBusy = busy;
                quietSince = now;
            }
            else if (Stopwatch.GetElapsedTime(quietSince, now) >= window)
            {
                _timeouts = 0;
                _floorCandidate = int.MaxValue;
                return;
            }

            if (Stopwatch.GetElapsedTime(start, now) >= timeout)
            {
                // Threads busy through several whole timeouts in a row are blocked in synchronous waits (or computing for
                // long), not running an instant's continuations: they become the idle floor. A floor set too high drops
                // again at the first check that sees fewer threads busy.
                _floorCandidate = Math.Min(_floorCandidate, leastBusy);
                if (++_timeouts >= TimeoutsToLearnFloor)
                {
                    _busyFloor = _floorCandidate;
                    _timeouts = 0;
                    _floorCandidate = int.MaxValue;
                }

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
