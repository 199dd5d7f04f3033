using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Model distribution for nodes: manifests (exact bytes, signature passed through) and artifacts.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class DistributionTests(ServiceFixture fixture)
{
    private static JsonElement Manifest(JsonElement entry) =>
        JsonDocument.Parse(Convert.FromBase64String(entry.GetProperty("manifest").GetString()!)).RootElement.Clone();

    [Fact]
    public async Task List_OffersOnlyVersionsWhoseManifestMatchesTheArtifact()
    {
        var (status, body) = await fixture.Client.GetJsonAsync("/edgeai/v1/models");
        Assert.Equal(HttpStatusCode.OK, status);
        var offered = body.EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("version").GetInt64())).ToList();
        // versioned/2 has no manifest, versioned/3 a stale one (wrong SHA-256): neither is offered.
        Assert.Equal([("simple", 1L), ("versioned", 1L)], offered);
    }

    [Fact]
    public async Task Manifest_SignedVersion_CarriesExactBytesAndSignature()
    {
        var (status, entry) = await fixture.Client.GetJsonAsync("/edgeai/v1/models/versioned/versions/1/manifest");
        Assert.Equal(HttpStatusCode.OK, status);
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "repository", "versioned", "1", "manifest.json"));
        Assert.Equal(onDisk, Convert.FromBase64String(entry.GetProperty("manifest").GetString()!));
        Assert.Equal("Zml4dHVyZS1wbGFjZWhvbGRlcg==", entry.GetProperty("signature").GetString());
        var manifest = Manifest(entry);
        Assert.Equal("versioned", manifest.GetProperty("name").GetString());
        Assert.Equal("onnxruntime", manifest.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task Manifest_UnsignedVersion_HasNullSignature()
    {
        var (status, entry) = await fixture.Client.GetJsonAsync("/edgeai/v1/models/simple/versions/1/manifest");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("signature").ValueKind);
    }

    [Fact]
    public async Task Artifact_BytesMatchManifestSizeAndHash()
    {
        var (_, entry) = await fixture.Client.GetJsonAsync("/edgeai/v1/models/versioned/versions/1/manifest");
        var manifest = Manifest(entry);
        using var response = await fixture.Client.GetAsync("/edgeai/v1/models/versioned/versions/1/artifact");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(manifest.GetProperty("size").GetInt64(), bytes.Length);
        Assert.Equal(manifest.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
    }

    [Theory]
    [InlineData("/edgeai/v1/models/versioned/versions/3/manifest")]
    [InlineData("/edgeai/v1/models/versioned/versions/3/artifact")]
    [InlineData("/edgeai/v1/models/versioned/versions/2/artifact")]
    [InlineData("/edgeai/v1/models/ghost/versions/1/manifest")]
    public async Task NotOffered_Is404(string path)
    {
        Http.AssertError(await fixture.Client.GetJsonAsync(path), HttpStatusCode.NotFound, "not offered");
    }

    [Fact]
    public async Task List_WithoutToken_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetJsonAsync("/edgeai/v1/models")).Status);
    }
}
