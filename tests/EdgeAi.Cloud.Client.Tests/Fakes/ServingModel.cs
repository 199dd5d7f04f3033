using System.Security.Cryptography;
using EdgeAi.Cloud.Client.Offload;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>Inference over whatever <see cref="FakeActivator"/> serves right now: answers the served version, and fails if the served bytes are not a whole model.</summary>
public sealed class ServingModel(FakeActivator activator, IReadOnlyDictionary<long, string> sha256ByVersion) : ILocalModel
{
    public ValueTask<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default)
    {
        var (version, bytes) = activator.Serving;
        if (!sha256ByVersion.TryGetValue(version, out var expected) || Convert.ToHexStringLower(SHA256.HashData(bytes)) != expected)
        {
            throw new InvalidOperationException($"version {version} is served with bytes that are not its model");
        }

        return ValueTask.FromResult(new ModelAnswer((int)version, 1f));
    }
}
