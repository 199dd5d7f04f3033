using System.Text.Json.Serialization;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>One row of <c>POST /v2/repository/index</c> (Triton model repository extension).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">A served version, or null for a model that is not serving.</param>
/// <param name="State">UNKNOWN, LOADING, READY or UNAVAILABLE.</param>
/// <param name="Reason">Why it is not ready, or why its last reload failed.</param>
internal sealed record RepositoryIndexEntry(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version,
    string State,
    string Reason);
