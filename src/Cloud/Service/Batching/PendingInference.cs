using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Batching;

/// <summary>One request waiting in the dynamic batcher's queue.</summary>
internal sealed class PendingInference
{
    /// <summary>Queues a request.</summary>
    public PendingInference(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames)
    {
        Inputs = inputs;
        OutputNames = outputNames;
        BatchSize = inputs[0].Shape[0];
    }

    /// <summary>The request's inputs (each with the batch as its first dimension).</summary>
    public IReadOnlyList<InferenceTensor> Inputs { get; }

    /// <summary>The outputs the request wants.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The request's own batch size.</summary>
    public long BatchSize { get; }

    /// <summary>Completed by the batcher with the request's outputs or the batch's failure.</summary>
    public TaskCompletionSource<IReadOnlyList<InferenceTensor>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Two requests can share a batch when every input has the same dimensions after the batch dimension
    /// (a model with variable dims may get differently shaped requests, which cannot be concatenated).
    /// </summary>
    public bool CanBatchWith(PendingInference other)
    {
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (!Inputs[i].Shape.AsSpan(1).SequenceEqual(other.Inputs[i].Shape.AsSpan(1)))
            {
                return false;
            }
        }

        return true;
    }
}
