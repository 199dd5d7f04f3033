namespace EdgeAi.Cloud.Client.Sync;

/// <summary>One entry of <c>GET /edgeai/v1/models</c>: the manifest's exact bytes and its signature text (null when unsigned).</summary>
/// <param name="Name">Model name as listed.</param>
/// <param name="Version">Version as listed.</param>
/// <param name="ManifestBytes">The manifest file's bytes (decoded from base64).</param>
/// <param name="Signature">The <c>manifest.sig</c> text, or null.</param>
public sealed record DistributionEntry(string Name, long Version, ReadOnlyMemory<byte> ManifestBytes, string? Signature);
