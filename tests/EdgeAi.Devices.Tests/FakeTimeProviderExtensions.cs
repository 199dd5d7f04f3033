using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests;

internal static class FakeTimeProviderExtensions
{
    /// <summary>
    /// Advances fake time in steps until <paramref name="task"/> completes or <paramref name="limit"/> of fake time has
    /// passed, yielding between steps so continuations scheduled by a fired timer can register their next timer.
    /// The real-time wait at the end is only a bound against a hang.
    /// </summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted && advanced < limit)
        {
            time.Advance(step);
            advanced += step;
            for (var i = 0; i < 20 && !task.IsCompleted; i++)
            {
                await Task.Yield();
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
