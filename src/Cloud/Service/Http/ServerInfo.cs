using System.Reflection;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>What <c>GET /v2</c> reports.</summary>
internal static class ServerInfo
{
    /// <summary>The server metadata; extension names are Triton's, so Triton clients recognise them.</summary>
    public static ServerMetadataResponse Metadata { get; } = new(
        "edgeai-model-service",
        (typeof(ServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0],
        ["binary_tensor_data", "model_repository"]);
}
