namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>GET /v2/models/{name}[/versions/{v}]</c>: <c>$metadata_model_response</c>.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Versions">Served versions.</param>
/// <param name="Platform">Framework/backend (<c>onnxruntime_onnx</c>).</param>
/// <param name="Inputs">Inputs.</param>
/// <param name="Outputs">Outputs.</param>
internal sealed record ModelMetadataResponse(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);
