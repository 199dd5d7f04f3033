namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>GET /v2/models/{name}[/versions/{v}]/ready</c>.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Ready">Whether the model (version) serves.</param>
internal sealed record ModelReadyResponse(string Name, bool Ready);
