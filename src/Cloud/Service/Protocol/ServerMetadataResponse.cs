namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>GET /v2</c>: <c>$metadata_server_response</c>.</summary>
/// <param name="Name">Server name.</param>
/// <param name="Version">Server version.</param>
/// <param name="Extensions">Protocol extensions supported (Triton's names).</param>
internal sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);
