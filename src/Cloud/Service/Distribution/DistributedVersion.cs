namespace EdgeAi.Cloud.Service.Distribution;

/// <summary>A model version whose manifest matches its artifact on disk, ready to hand to nodes.</summary>
/// <param name="Manifest">The parsed manifest.</param>
/// <param name="ManifestBytes">The manifest file's exact bytes (what the signature covers).</param>
/// <param name="Signature">The signature file's content (base64 text as the operator wrote it), or null when unsigned.</param>
/// <param name="ArtifactPath">Full path of the artifact.</param>
internal sealed record DistributedVersion(ModelManifest Manifest, byte[] ManifestBytes, string? Signature, string ArtifactPath);
