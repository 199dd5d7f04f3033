using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Batching;

/// <summary>
/// Concatenates requests along the batch dimension and splits outputs back. Row-major layout makes both a
/// byte concatenation / slice: a batch row is a contiguous block of <c>bytes / batch</c> bytes.
/// </summary>
internal static class BatchTensors
{
    /// <summary>One input tensor per model input covering every request of <paramref name="batch"/>, in order.</summary>
    public static List<InferenceTensor> Merge(IReadOnlyList<PendingInference> batch, long totalBatch)
    {
        var merged = new List<InferenceTensor>();
        var first = batch[0];
        for (var i = 0; i < first.Inputs.Count; i++)
        {
            var bytes = new byte[batch.Sum(p => p.Inputs[i].Data.Length)];
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Inputs[i].Data.Span.CopyTo(bytes.AsSpan(offset));
                offset += pending.Inputs[i].Data.Length;
            }

            var template = first.Inputs[i];
            merged.Add(template with { Shape = [totalBatch, .. template.Shape.AsSpan(1)], Data = bytes });
        }

        return merged;
    }

    /// <summary>The rows of <paramref name="outputs"/> that belong to each request, as slices (no copy).</summary>
    /// <exception cref="InvalidOperationException">An output does not start with the batch dimension.</exception>
    public static List<IReadOnlyList<InferenceTensor>> Split(IReadOnlyList<PendingInference> batch, long totalBatch, IReadOnlyList<InferenceTensor> outputs)
    {
        var results = batch.Select(_ => new List<InferenceTensor>()).ToList();
        foreach (var output in outputs)
        {
            if (output.Shape.Length == 0 || output.Shape[0] != totalBatch)
            {
                throw new InvalidOperationException($"output '{output.Name}' does not have the batch of {totalBatch} as its first dimension");
            }

            var rowBytes = totalBatch == 0 ? 0 : output.Data.Length / (int)totalBatch;
            var row = 0L;
            for (var j = 0; j < batch.Count; j++)
            {
                var size = batch[j].BatchSize;
                if (batch[j].OutputNames.Contains(output.Name, StringComparer.Ordinal))
                {
                    results[j].Add(output with
                    {
                        Shape = [size, .. output.Shape.AsSpan(1)],
                        Data = output.Data.Slice((int)(row * rowBytes), (int)(size * rowBytes)),
                    });
                }

                row += size;
            }
        }

        // Each request gets its outputs in the order it asked for them.
        return results.Select((list, j) => (IReadOnlyList<InferenceTensor>)batch[j].OutputNames
            .Select(name => list.Single(t => string.Equals(t.Name, name, StringComparison.Ordinal))).ToList()).ToList();
    }
}
