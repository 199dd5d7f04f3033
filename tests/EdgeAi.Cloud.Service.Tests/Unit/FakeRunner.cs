using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Tests.Unit;

/// <summary>A runner that counts disposals; its one input and output are FP32 [-1, 2].</summary>
internal sealed class FakeRunner : IModelRunner
{
    public int DisposeCount { get; private set; }

    public IReadOnlyList<TensorSignature> Inputs { get; } = [new("x", TensorDataType.Fp32, [-1, 2])];

    public IReadOnlyList<TensorSignature> Outputs { get; } = [new("y", TensorDataType.Fp32, [-1, 2])];

    public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames) =>
        [inputs[0] with { Name = "y" }];

    public void Dispose() => DisposeCount++;
}
