namespace EdgeAi.Devices.Sensors;

/// <summary>How <see cref="RetryingSensorReader{T}"/> retries a failed read: exponential backoff, capped.</summary>
public sealed record SensorRetryPolicy
{
    /// <summary>Attempts per read, the first included (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt (default 100 ms); each later wait doubles.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between attempts (default 2 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before attempt number <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var factor = Math.Pow(2, attempt - 2);
        var ticks = Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Throws when the policy cannot work (no attempts, negative delays).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
    }
}
