namespace EdgeAi.Cloud.Client.Sync;

/// <summary>
/// A distributed model version's manifest, as the service serves it (<c>manifest.json</c>, snake_case:
/// name, version, file, sha256, size, engine, min_runtime_version).
/// </summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version (positive).</param>
/// <param name="File">Artifact file name.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the artifact.</param>
/// <param name="Size">Artifact size in bytes.</param>
/// <param name="Engine">Target engine on the node.</param>
/// <param name="MinRuntimeVersion">Oldest EdgeAi runtime that can run the artifact.</param>
public sealed record ModelManifest(string Name, long Version, string File, string Sha256, long Size, string Engine, string MinRuntimeVersion);
