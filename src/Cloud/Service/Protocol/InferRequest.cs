using System.Text.Json;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>A parsed <c>$inference_request</c> (OIP inference_rest.md, "Inference Request JSON Object").</summary>
/// <param name="Id">Optional request id, echoed in the response.</param>
/// <param name="Parameters">Optional request parameters (a JSON object of string/number/bool values).</param>
/// <param name="Inputs">The inputs, in request order.</param>
/// <param name="Outputs">The requested outputs, or null for "all outputs".</param>
internal sealed record InferRequest(string? Id, JsonElement? Parameters, IReadOnlyList<InferInputRequest> Inputs, IReadOnlyList<InferOutputRequest>? Outputs)
{
    /// <summary>The request-level <c>binary_data_output</c> parameter (binary tensor extension).</summary>
    public bool BinaryDataOutput =>
        Parameters is { } p && p.TryGetProperty("binary_data_output", out var value) && value.ValueKind == JsonValueKind.True;
}
