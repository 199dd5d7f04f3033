using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>Source-generated serializers for every fixed-shape body the service writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ServerMetadataResponse))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ModelReadyResponse))]
[JsonSerializable(typeof(IReadOnlyList<RepositoryIndexEntry>))]
[JsonSerializable(typeof(DistributionEntryResponse))]
[JsonSerializable(typeof(IReadOnlyList<DistributionEntryResponse>))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the service writes with: messages quote names as <c>'x'</c>, and the default encoder would
    /// escape every quote as <c>\u0027</c>. The bodies are <c>application/json</c>, never embedded in HTML.
    /// </summary>
    public static ServiceJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    });
}
