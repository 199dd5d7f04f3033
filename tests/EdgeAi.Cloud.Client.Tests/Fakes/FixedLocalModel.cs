using EdgeAi.Cloud.Client.Offload;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>A local model that always gives the same answer and counts its calls.</summary>
public sealed class FixedLocalModel(ModelAnswer answer) : ILocalModel
{
    private int _calls;

    public int Calls => _calls;

    public ValueTask<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(answer);
    }
}
