namespace EdgeAi.EdgeHost.Locks;

/// <summary>
/// Decides whether a code may unlock a lock, and throttles guessing: after <see cref="MaxFailures"/> wrong codes
/// within <see cref="FailureWindow"/> the lock refuses every code (a right one too) for a lockout that starts at
/// <see cref="FirstLockout"/> and doubles with each further lockout, up to <see cref="MaxLockout"/>; a right code
/// outside a lockout resets the count. A 4-digit code then takes years to guess instead of minutes.
/// Thread-safe; time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class LockCodeVerifier(LockCodeStore store, TimeProvider time)
{
    /// <summary>Wrong codes that trigger a lockout.</summary>
    public const int MaxFailures = 5;

    /// <summary>The window the wrong codes are counted in.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromSeconds(60);

    /// <summary>The first lockout's length.</summary>
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(60);

    /// <summary>The longest lockout.</summary>
    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(24);

    private readonly Dictionary<string, Throttle> _throttles = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Checks <paramref name="code"/> for <paramref name="entityId"/> and records the attempt.</summary>
    public LockCodeVerdict Verify(string entityId, string? code)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var throttle = _throttles.TryGetValue(entityId, out var t) ? t : _throttles[entityId] = new Throttle();
            if (throttle.LockedUntil > now)
            {
                return LockCodeVerdict.LockedOut;
            }

            if (!LockCodeFormat.IsValid(code))
            {
                return LockCodeVerdict.Malformed;
            }

            LockCodeHash? hash;
            try
            {
                hash = store.Get(entityId);
            }
            catch (InvalidDataException)
            {
                return LockCodeVerdict.NoCodeConfigured;
            }

            if (hash is null)
            {
                return LockCodeVerdict.NoCodeConfigured;
            }

            if (hash.Matches(code!))
            {
                throttle.Failures.Clear();
                throttle.Lockouts = 0;
                return LockCodeVerdict.Accepted;
            }

            throttle.Failures.Enqueue(now);
            while (throttle.Failures.Count > 0 && now - throttle.Failures.Peek() > FailureWindow)
            {
                throttle.Failures.Dequeue();
            }

            if (throttle.Failures.Count >= MaxFailures)
            {
                var length = TimeSpan.FromTicks(Math.Min(MaxLockout.Ticks, FirstLockout.Ticks << Math.Min(throttle.Lockouts, 20)));
                throttle.LockedUntil = now + length;
                throttle.Lockouts++;
                throttle.Failures.Clear();
            }

            return LockCodeVerdict.WrongCode;
        }
    }

    /// <summary>When the current lockout of <paramref name="entityId"/> ends, or null when there is none.</summary>
    public DateTimeOffset? LockedUntil(string entityId)
    {
        lock (_gate)
        {
            return _throttles.TryGetValue(entityId, out var t) && t.LockedUntil > time.GetUtcNow() ? t.LockedUntil : null;
        }
    }

    private sealed class Throttle
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        public int Lockouts { get; set; }
    }
}
