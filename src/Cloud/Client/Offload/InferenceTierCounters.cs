namespace EdgeAi.Cloud.Client.Offload;

/// <summary>
/// Counts decisions per tier and remembers the last one, for the <c>inference_tier</c> sensor and metrics.
/// Thread-safe (lock-free counters).
/// </summary>
public sealed class InferenceTierCounters
{
    private long _local;
    private long _cloud;
    private long _fallback;
    private int _last = -1;

    /// <summary>Decisions served by the local model because it was confident.</summary>
    public long Local => Interlocked.Read(ref _local);

    /// <summary>Decisions served by the cloud.</summary>
    public long Cloud => Interlocked.Read(ref _cloud);

    /// <summary>Decisions that wanted the cloud but used the local answer.</summary>
    public long LocalFallback => Interlocked.Read(ref _fallback);

    /// <summary>The tier of the most recent decision, or null before the first.</summary>
    public InferenceTier? LastTier => Volatile.Read(ref _last) is var last and >= 0 ? (InferenceTier)last : null;

    /// <summary>The count for <paramref name="tier"/>.</summary>
    public long Count(InferenceTier tier) => tier switch
    {
        InferenceTier.Local => Local,
        InferenceTier.Cloud => Cloud,
        _ => LocalFallback,
    };

    internal void Record(InferenceTier tier)
    {
        switch (tier)
        {
            case InferenceTier.Local:
                Interlocked.Increment(ref _local);
                break;
            case InferenceTier.Cloud:
                Interlocked.Increment(ref _cloud);
                break;
            default:
                Interlocked.Increment(ref _fallback);
                break;
        }

        Volatile.Write(ref _last, (int)tier);
    }
}
