namespace EdgeAi.EdgeHost.Bridge;

/// <summary>Exponential backoff with full jitter ("AWS architecture blog: exponential backoff and jitter").</summary>
internal static class ReconnectBackoff
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(500);

    /// <summary>A random delay in [base/2, min(cap, base·2^failures)] for the given number of consecutive failures.</summary>
    public static TimeSpan Delay(int failures, TimeSpan cap)
    {
        var exponent = Math.Min(failures, 16);
        var ceiling = Math.Min(cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, exponent));
        var floor = Math.Min(ceiling, Base.TotalMilliseconds / 2);
        return TimeSpan.FromMilliseconds(floor + (Random.Shared.NextDouble() * (ceiling - floor)));
    }
}
