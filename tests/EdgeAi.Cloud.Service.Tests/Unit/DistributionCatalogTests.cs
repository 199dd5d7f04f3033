using System.Security.Cryptography;
using EdgeAi.Cloud.Service.Distribution;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Service.Tests.Unit;

/// <summary>A manifest is offered only when it is well-formed and matches its artifact.</summary>
public sealed class DistributionCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeai-dist-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _artifact = [1, 2, 3, 4, 5];

    public DistributionCatalogTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "m", "1"));
        File.WriteAllBytes(Path.Combine(_root, "m", "1", "model.onnx"), _artifact);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Valid(string? file = null, string? sha = null, long? size = null, string name = "m", string extra = "") => $$"""
        {"name": "{{name}}", "version": 1, "file": "{{file ?? "model.onnx"}}", "sha256": "{{sha ?? Convert.ToHexStringLower(SHA256.HashData(_artifact))}}",
         "size": {{size ?? _artifact.Length}}, "engine": "onnxruntime", "min_runtime_version": "0.1.0"{{extra}}}
        """;

    private bool Offered(string manifest)
    {
        File.WriteAllText(Path.Combine(_root, "m", "1", DistributionCatalog.ManifestFile), manifest);
        return new DistributionCatalog(_root, NullLogger<DistributionCatalog>.Instance).TryGet("m", 1, out _);
    }

    [Fact]
    public void ConsistentManifest_IsOffered() => Assert.True(Offered(Valid()));

    [Fact]
    public void WrongHash_IsNotOffered() => Assert.False(Offered(Valid(sha: new string('a', 64))));

    [Fact]
    public void WrongSize_IsNotOffered() => Assert.False(Offered(Valid(size: 6)));

    [Fact]
    public void PathInFileName_IsNotOffered() => Assert.False(Offered(Valid(file: "../1/model.onnx")));

    [Fact]
    public void OtherModelName_IsNotOffered() => Assert.False(Offered(Valid(name: "other")));

    [Fact]
    public void UnknownField_IsNotOffered() => Assert.False(Offered(Valid(extra: ", \"surprise\": 1")));

    [Fact]
    public void MissingField_IsNotOffered() => Assert.False(Offered("""{"name": "m", "version": 1}"""));

    [Fact]
    public void NotJson_IsNotOffered() => Assert.False(Offered("{"));
}
