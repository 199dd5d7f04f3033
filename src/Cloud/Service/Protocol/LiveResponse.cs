namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>GET /v2/health/live</c>.</summary>
/// <param name="Live">Always true when the process answers.</param>
internal sealed record LiveResponse(bool Live);
