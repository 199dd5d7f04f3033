using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>An inference request checked against its model: ready to run.</summary>
/// <param name="Inputs">One tensor per model input, in the model configuration's order.</param>
/// <param name="Outputs">The outputs to compute and how to return each.</param>
internal sealed record BoundInferRequest(IReadOnlyList<InferenceTensor> Inputs, IReadOnlyList<InferOutputRequest> Outputs);
