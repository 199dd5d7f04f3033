namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// One distributable model version. The manifest is sent as the base64 of the file's exact bytes, because
/// the signature covers those bytes and any JSON re-serialization would break it.
/// </summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Manifest">Base64 of <c>manifest.json</c>.</param>
/// <param name="Signature">Contents of <c>manifest.sig</c>, or null for an unsigned version (nodes must refuse those).</param>
internal sealed record DistributionEntryResponse(string Name, long Version, string Manifest, string? Signature);
