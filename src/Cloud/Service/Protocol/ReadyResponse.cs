namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>GET /v2/health/ready</c> (the spec's body says <c>live</c>, a typo; clients key on the status code).</summary>
/// <param name="Ready">True once the repository's start-up load finished.</param>
internal sealed record ReadyResponse(bool Ready);
