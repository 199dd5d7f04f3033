namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>The protocol's error body: <c>{"error": "..."}</c> (OIP inference_rest.md, "Error Responses").</summary>
/// <param name="Error">What went wrong.</param>
internal sealed record ErrorResponse(string Error);
