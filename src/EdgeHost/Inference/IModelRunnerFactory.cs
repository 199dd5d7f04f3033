using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>Creates a runner for a model whose bytes were verified and parsed (the seam tests replace).</summary>
internal interface IModelRunnerFactory
{
    /// <summary>Creates a runner on <paramref name="engine"/> (<c>auto</c>, <c>native</c> or <c>onnxruntime</c>).</summary>
    /// <exception cref="NotSupportedException">The engine cannot run the model (the message says why).</exception>
    /// <exception cref="InvalidDataException">The model is invalid.</exception>
    IModelRunner Create(ReadOnlyMemory<byte> verifiedBytes, ModelProto model, string engine);
}
