using System.Collections.Concurrent;
using EdgeAi.Cloud.Service.Batching;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Cloud.Service.Tests.Unit;

/// <summary>The dynamic batcher with a fake clock: merging, the queue delay, size limits, splitting, failures.</summary>
public sealed class DynamicBatcherTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingRunner _runner = new();
    private DynamicBatcher? _batcher;

    public void Dispose() => _batcher?.Dispose();

    private DynamicBatcher Create(string batching, int maxBatchSize = 8)
    {
        var config = ModelConfigReader.Read("m", $$"""
            max_batch_size: {{maxBatchSize}}
            input { name: "x" data_type: TYPE_FP32 dims: [ -1 ] }
            output { name: "y" data_type: TYPE_FP32 dims: [ -1 ] }
            dynamic_batching { {{batching}} }
            """);
        _batcher = new DynamicBatcher(_runner, config, _time);
        return _batcher;
    }

    private static InferenceTensor[] Input(params float[][] rows) =>
        [new InferenceTensor("x", TensorDataType.Fp32, [rows.Length, rows[0].Length], rows.SelectMany(r => r).SelectMany(BitConverter.GetBytes).ToArray())];

    private static float[] Values(InferenceTensor tensor) =>
        Enumerable.Range(0, tensor.Data.Length / 4).Select(i => BitConverter.ToSingle(tensor.Data.Span[(i * 4)..])).ToArray();

    /// <summary>Advances the fake clock in small steps until <paramref name="task"/> completes (bounded).</summary>
    private async Task AdvanceUntilAsync(Task task)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.WhenAny(task, Task.Delay(5));
        }

        await task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RequestsWithinDelay_RunAsOneBatch_AndEachGetsItsRows()
    {
        var batcher = Create("max_queue_delay_microseconds: 1000");
        var a = batcher.RunAsync(Input([1, 2]), ["y"]);
        var b = batcher.RunAsync(Input([3, 4], [5, 6]), ["y"]);
        Assert.False(a.IsCompleted);
        await AdvanceUntilAsync(Task.WhenAll(a, b));

        var first = (await a)[0];
        var second = (await b)[0];
        Assert.Equal([3L], _runner.Batches);
        Assert.Equal(new long[] { 1, 2 }, first.Shape);
        Assert.Equal(new float[] { 1, 2 }, Values(first));
        Assert.Equal(new long[] { 2, 2 }, second.Shape);
        Assert.Equal(new float[] { 3, 4, 5, 6 }, Values(second));
    }

    /// <summary>Without time passing, nothing runs until a preferred size is reached; then it runs at once.</summary>
    [Fact]
    public async Task PreferredSizeReached_RunsWithoutWaitingForTheDelay()
    {
        var batcher = Create("preferred_batch_size: [ 2 ] max_queue_delay_microseconds: 1000000");
        var a = batcher.RunAsync(Input([1]), ["y"]);
        var b = batcher.RunAsync(Input([2]), ["y"]);
        await Task.WhenAll(a, b).WaitAsync(Bound);
        Assert.Equal([2L], _runner.Batches);
    }

    [Fact]
    public async Task MaxBatchSize_IsNeverExceeded()
    {
        var batcher = Create("max_queue_delay_microseconds: 1000", maxBatchSize: 4);
        var a = batcher.RunAsync(Input([1], [2], [3]), ["y"]);
        var b = batcher.RunAsync(Input([4], [5]), ["y"]);
        await AdvanceUntilAsync(Task.WhenAll(a, b));
        var second = (await b)[0];
        Assert.Equal([3L, 2L], _runner.Batches);
        Assert.Equal(new float[] { 4, 5 }, Values(second));
    }

    [Fact]
    public async Task DifferentNonBatchShapes_AreNotMerged()
    {
        var batcher = Create("max_queue_delay_microseconds: 1000");
        var a = batcher.RunAsync(Input([1, 2]), ["y"]);
        var b = batcher.RunAsync(Input([1, 2, 3]), ["y"]);
        await AdvanceUntilAsync(Task.WhenAll(a, b));
        Assert.Equal([1L, 1L], _runner.Batches);
    }

    [Fact]
    public async Task RunnerFailure_FailsEveryRequestOfTheBatch()
    {
        _runner.Failure = new ProtocolException("the model rejected the inputs");
        var batcher = Create("preferred_batch_size: [ 2 ]");
        var a = batcher.RunAsync(Input([1]), ["y"]);
        var b = batcher.RunAsync(Input([2]), ["y"]);
        await Assert.ThrowsAsync<ProtocolException>(() => a.WaitAsync(Bound));
        await Assert.ThrowsAsync<ProtocolException>(() => b.WaitAsync(Bound));
    }

    [Fact]
    public async Task ZeroDelay_RunsWhatIsQueuedImmediately()
    {
        var batcher = Create("");
        var result = await batcher.RunAsync(Input([7]), ["y"]).WaitAsync(Bound);
        Assert.Equal([7f], Values(result[0]));
    }

    [Fact]
    public void RunAfterDispose_Throws()
    {
        var batcher = Create("");
        batcher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.RunAsync(Input([1]), ["y"]); });
    }

    /// <summary>Identity model y = x that records each run's batch size.</summary>
    private sealed class RecordingRunner : IModelRunner
    {
        private readonly ConcurrentQueue<long> _batches = new();

        public Exception? Failure { get; set; }

        public long[] Batches => [.. _batches];

        public IReadOnlyList<TensorSignature> Inputs { get; } = [new("x", TensorDataType.Fp32, [-1, -1])];

        public IReadOnlyList<TensorSignature> Outputs { get; } = [new("y", TensorDataType.Fp32, [-1, -1])];

        public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames)
        {
            _batches.Enqueue(inputs[0].Shape[0]);
            if (Failure is not null)
            {
                throw Failure;
            }

            return [inputs[0] with { Name = "y" }];
        }

        public void Dispose()
        {
        }
    }
}
