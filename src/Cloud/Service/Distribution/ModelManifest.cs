namespace EdgeAi.Cloud.Service.Distribution;

/// <summary>
/// The manifest of one model version for distribution to the edge (issue 6, "Model distribution"), stored
/// by the operator as <c>&lt;repo&gt;/&lt;model&gt;/&lt;version&gt;/manifest.json</c> next to the artifact. The
/// operator signs the file's exact bytes offline (<c>manifest.sig</c>); the service never holds the key.
/// </summary>
/// <param name="Name">Model name; must equal the model folder.</param>
/// <param name="Version">Version; must equal the version folder.</param>
/// <param name="File">Artifact file name inside the version folder.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the artifact.</param>
/// <param name="Size">Artifact size in bytes.</param>
/// <param name="Engine">Target engine on the node (e.g. <c>onnxruntime</c>, <c>edgeai-int8</c>).</param>
/// <param name="MinRuntimeVersion">Oldest EdgeAi runtime that can run the artifact.</param>
internal sealed record ModelManifest(string Name, long Version, string File, string Sha256, long Size, string Engine, string MinRuntimeVersion);
