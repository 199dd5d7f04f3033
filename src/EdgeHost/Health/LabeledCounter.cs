using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace EdgeAi.EdgeHost.Health;

/// <summary>A monotonic counter per label value. Increments are lock-free and may come from any thread.</summary>
internal sealed class LabeledCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _values = new(StringComparer.Ordinal);

    /// <summary>Adds one to the counter of <paramref name="label"/>.</summary>
    public void Increment(string label) => Interlocked.Increment(ref _values.GetOrAdd(label, static _ => new StrongBox<long>()).Value);

    /// <summary>The current value of <paramref name="label"/>'s counter (0 when it never moved).</summary>
    public long Get(string label) => _values.TryGetValue(label, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Every label with its value, sorted by label so the exposition is stable.</summary>
    public IEnumerable<KeyValuePair<string, long>> Snapshot() =>
        _values.Select(p => KeyValuePair.Create(p.Key, Interlocked.Read(ref p.Value.Value))).OrderBy(p => p.Key, StringComparer.Ordinal);
}
