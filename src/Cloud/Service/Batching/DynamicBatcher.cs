using System.Threading.Channels;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Batching;

/// <summary>
/// Triton-style dynamic batcher for one model version (model_configuration.md, "Dynamic Batcher"):
/// concurrent requests are queued, merged along the batch dimension up to <c>max_batch_size</c>, run once,
/// and split back.
/// </summary>
/// <remarks>
/// Batch forming: take every queued request that fits (same non-batch dims, total at most
/// <c>max_batch_size</c>); run at once when the total is <c>max_batch_size</c> or one of the
/// <c>preferred_batch_size</c>s, otherwise wait for more until <c>max_queue_delay_microseconds</c> after
/// the first request was taken, then run what there is. One batch runs at a time, so requests arriving
/// during a run form the next batch. Time is read from the <see cref="TimeProvider"/>, so tests drive the
/// delay. Thread-safe; <see cref="Dispose"/> is called by the repository once no request holds the model.
/// </remarks>
internal sealed class DynamicBatcher : IInferenceExecutor
{
    private readonly IModelRunner _runner;
    private readonly int _maxBatchSize;
    private readonly HashSet<long> _preferred;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _allOutputs;
    private readonly Channel<PendingInference> _queue = Channel.CreateUnbounded<PendingInference>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queued;
    private int _disposed;

    /// <summary>Starts the batching loop for <paramref name="runner"/> (not owned).</summary>
    public DynamicBatcher(IModelRunner runner, ModelConfig config, TimeProvider time)
    {
        var settings = config.DynamicBatching ?? throw new ArgumentException("the model has no dynamic_batching block", nameof(config));
        _runner = runner;
        _maxBatchSize = config.MaxBatchSize;
        _preferred = [.. settings.PreferredBatchSizes.Select(s => (long)s)];
        _maxDelay = TimeSpan.FromMicroseconds(settings.MaxQueueDelayMicroseconds);
        _time = time;
        _allOutputs = [.. config.Outputs.Select(o => o.Name)];
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Requests waiting for a batch (for the queue-depth metric).</summary>
    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>Raised after each batch run with its total batch size (for metrics and tests).</summary>
    public event Action<long>? BatchExecuted;

    /// <inheritdoc />
    public Task<IReadOnlyList<InferenceTensor>> RunAsync(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingInference(inputs, outputNames);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(DynamicBatcher));
        }

        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stop.Cancel();
        // The loop may still be unwinding from the cancellation: release the source once it has.
        _loop.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var token = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                var batch = await FormBatchAsync(reader, token).ConfigureAwait(false);
                Execute(batch);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: no request holds the model any more, so the queue is empty.
        }
    }

    private async Task<List<PendingInference>> FormBatchAsync(ChannelReader<PendingInference> reader, CancellationToken token)
    {
        reader.TryRead(out var first);
        var batch = new List<PendingInference> { first! };
        var size = first!.BatchSize;
        var started = _time.GetTimestamp();
        while (size < _maxBatchSize)
        {
            if (reader.TryPeek(out var next))
            {
                if (size + next.BatchSize > _maxBatchSize || !next.CanBatchWith(first))
                {
                    break;
                }

                reader.TryRead(out _);
                batch.Add(next);
                size += next.BatchSize;
                continue;
            }

            if (_preferred.Contains(size))
            {
                break;
            }

            var remaining = _maxDelay - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var delay = new CancellationTokenSource(remaining, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(delay.Token, token);
            try
            {
                if (!await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (delay.IsCancellationRequested && !token.IsCancellationRequested)
            {
                break;
            }
        }

        Interlocked.Add(ref _queued, -batch.Count);
        return batch;
    }

    private void Execute(List<PendingInference> batch)
    {
        var total = batch.Sum(p => p.BatchSize);
        try
        {
            var outputs = _runner.Run(BatchTensors.Merge(batch, total), _allOutputs);
            var split = BatchTensors.Split(batch, total, outputs);
            for (var j = 0; j < batch.Count; j++)
            {
                batch[j].Completion.TrySetResult(split[j]);
            }
        }
        catch (Exception e)
        {
            // The batch failed as a whole: every request in it gets the same error (its own 4xx/5xx).
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }

        BatchExecuted?.Invoke(total);
    }
}
