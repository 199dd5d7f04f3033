using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using EdgeAi.Cloud.Client.Sync;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>The service's distribution endpoints in memory, with the same wire shapes (base64 manifest, signature text or null).</summary>
public sealed class FakeDistributionServer
{
    private readonly List<(string Name, long Version, byte[] Manifest, string? Signature, byte[] Artifact)> _offers = [];

    public FakeHandler Handler => new(Respond);

    public static byte[] Manifest(string name, long version, byte[] artifact) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"name": "{{name}}", "version": {{version}}, "file": "model.onnx", "sha256": "{{Convert.ToHexStringLower(SHA256.HashData(artifact))}}", "size": {{artifact.Length}}, "engine": "onnxruntime", "min_runtime_version": "0.1.0"}"""));

    /// <summary>Offers <paramref name="artifact"/>, with a manifest for <paramref name="manifestArtifact"/> (default: the artifact itself).</summary>
    public void Offer(string name, long version, byte[] artifact, string? privateKeyPem, byte[]? manifestArtifact = null, Func<byte[], byte[]>? tamperManifest = null)
    {
        var manifest = Manifest(name, version, manifestArtifact ?? artifact);
        var signature = privateKeyPem is null ? null : ManifestSigner.Sign(manifest, privateKeyPem);
        _offers.Add((name, version, tamperManifest?.Invoke(manifest) ?? manifest, signature, artifact));
    }

    private HttpResponseMessage Respond(HttpRequestMessage request, string? body)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/edgeai/v1/models")
        {
            var entries = _offers.Select(o => string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"name":"{{o.Name}}","version":{{o.Version}},"manifest":"{{Convert.ToBase64String(o.Manifest)}}","signature":{{(o.Signature is null ? "null" : "\"" + o.Signature + "\"")}}}"""));
            return FakeHandler.Json(HttpStatusCode.OK, "[" + string.Join(',', entries) + "]");
        }

        var offer = _offers.FirstOrDefault(o => path == $"/edgeai/v1/models/{o.Name}/versions/{o.Version}/artifact");
        return offer.Artifact is null
            ? FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"not offered"}""")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(offer.Artifact) };
    }
}
