using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>A planned model: bound input and output tensors, and the steps that run it, in order.</summary>
internal sealed record EnginePlan(
    IReadOnlyList<TensorInfo> InputInfo,
    IReadOnlyList<TensorInfo> OutputInfo,
    Tensor[] Inputs,
    Tensor[] Outputs,
    EngineStep[] Steps,
    long IntermediateBytes,
    long UnsharedIntermediateBytes);
