using System.Diagnostics;
using System.Globalization;

namespace EdgeAi.EdgeHost.Benchmarks;

/// <summary>Raw latency samples (Stopwatch ticks) and their percentiles in microseconds.</summary>
internal sealed class LatencyHistogram(int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public double PercentileMicroseconds(double percentile)
    {
        var sorted = _ticks.Order().ToList();
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[index] * 1_000_000.0 / Stopwatch.Frequency;
    }

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={Count} median={PercentileMicroseconds(50):F0} µs p90={PercentileMicroseconds(90):F0} µs p99={PercentileMicroseconds(99):F0} µs max={PercentileMicroseconds(100):F0} µs");
}
