using System.Security.Cryptography;
using EdgeAi.Cloud.Client.Sync;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>
/// Stands in for the host's model loader: the "model" is its bytes; the golden check fails for bytes that
/// start with "BAD", the post-swap health check fails for bytes starting with "SICK". Serving is a reference swap.
/// </summary>
public sealed class FakeActivator : IModelActivator
{
    private readonly Lock _gate = new();
    private (long Version, byte[] Bytes) _serving;
    private (long Version, byte[] Bytes) _previous;

    public FakeActivator(long version, byte[] bytes)
    {
        _serving = (version, bytes);
    }

    public int Activations { get; private set; }

    public (long Version, byte[] Bytes) Serving
    {
        get
        {
            lock (_gate)
            {
                return _serving;
            }
        }
    }

    public long CurrentVersion(string model) => Serving.Version;

    public Task ActivateAsync(ModelManifest manifest, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default)
    {
        Activations++;
        if (artifact.Span.StartsWith("BAD"u8))
        {
            throw new InvalidDataException("golden output mismatch");
        }

        Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(artifact.Span)));
        lock (_gate)
        {
            _previous = _serving;
            _serving = (manifest.Version, artifact.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsHealthyAsync(string model, CancellationToken cancellationToken = default) =>
        Task.FromResult(!Serving.Bytes.AsSpan().StartsWith("SICK"u8));

    public Task RollbackAsync(string model, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _serving = _previous;
        }

        return Task.CompletedTask;
    }
}
