namespace EdgeAi.Devices.Sensors;

/// <summary>
/// Wraps a driver's single-attempt <see cref="TryReadFunc{T}"/> with retries and exponential backoff, so a glitch on
/// the bus costs a short wait instead of a missing sample. When every attempt fails the result is null: a failed
/// read is never turned into a value (not even the last good one).
/// </summary>
/// <remarks>
/// Waits use the <see cref="TimeProvider"/>, so tests drive them with a fake clock. One
/// <see cref="ReadAsync"/> at a time per instance; the driver's own statistics count each failed attempt.
/// </remarks>
/// <typeparam name="T">The measurement type.</typeparam>
public sealed class RetryingSensorReader<T>
    where T : struct
{
    private readonly TryReadFunc<T> _tryRead;
    private readonly SensorRetryPolicy _policy;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the reader.</summary>
    public RetryingSensorReader(TryReadFunc<T> tryRead, SensorRetryPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tryRead);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        policy.Validate();
        _tryRead = tryRead;
        _policy = policy;
        _timeProvider = timeProvider;
    }

    /// <summary>Reads that ran out of attempts.</summary>
    public long ExhaustedReads { get; private set; }

    /// <summary>Reads, retrying failed attempts with backoff.</summary>
    /// <returns>The value, or null when all attempts failed.</returns>
    public async Task<T?> ReadAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= _policy.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_policy.DelayBefore(attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (_tryRead(out var value))
            {
                return value;
            }
        }

        ExhaustedReads++;
        return null;
    }
}
