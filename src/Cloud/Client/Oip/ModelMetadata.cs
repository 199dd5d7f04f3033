namespace EdgeAi.Cloud.Client.Oip;

/// <summary>The answer of <c>GET /v2/models/{name}</c>.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Versions">Served versions.</param>
/// <param name="Platform">Platform, e.g. <c>onnxruntime_onnx</c>.</param>
/// <param name="Inputs">Inputs.</param>
/// <param name="Outputs">Outputs.</param>
public sealed record ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);
