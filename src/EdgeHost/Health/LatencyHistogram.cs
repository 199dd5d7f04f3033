namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// A Prometheus histogram of latencies in seconds per (engine, tier). Bucket bounds suit on-device inference:
/// 1 ms to 10 s. Observations may come from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets in seconds; <c>+Inf</c> is implied.</summary>
    public static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _gate = new();
    private readonly SortedDictionary<(string Engine, string Tier), Series> _series = [];

    /// <summary>Records one latency of <paramref name="engine"/> at <paramref name="tier"/>.</summary>
    public void Observe(string engine, string tier, TimeSpan latency)
    {
        var seconds = latency.TotalSeconds;
        lock (_gate)
        {
            if (!_series.TryGetValue((engine, tier), out var series))
            {
                series = new Series(new long[Bounds.Length]);
                _series[(engine, tier)] = series;
            }

            for (var i = 0; i < Bounds.Length; i++)
            {
                if (seconds <= Bounds[i])
                {
                    series.Buckets[i]++;
                }
            }

            series.Count++;
            series.Sum += seconds;
        }
    }

    /// <summary>A copy of every series: cumulative bucket counts (same order as <see cref="Bounds"/>), count and sum.</summary>
    public IReadOnlyList<(string Engine, string Tier, long[] Buckets, long Count, double Sum)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _series.Select(p => (p.Key.Engine, p.Key.Tier, (long[])p.Value.Buckets.Clone(), p.Value.Count, p.Value.Sum))];
        }
    }

    private sealed class Series(long[] buckets)
    {
        public long[] Buckets { get; } = buckets;

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
