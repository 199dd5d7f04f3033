using EdgeAi.Models.Engine;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// Picks the engine for a model: <c>native</c> or <c>onnxruntime</c> when asked for, and for <c>auto</c> the native
/// engine when it supports every node, else ONNX Runtime (with the native engine's reasons).
/// </summary>
internal sealed class ModelRunnerFactory : IModelRunnerFactory
{
    /// <summary>Accepted engine names (<c>ort</c> is short for <c>onnxruntime</c>).</summary>
    public static readonly string[] EngineNames = ["auto", "native", "onnxruntime", "ort"];

    public IModelRunner Create(ReadOnlyMemory<byte> verifiedBytes, ModelProto model, string engine) =>
        Create(verifiedBytes, model, engine, new ModelRunnerOptions()).Runner;

    /// <summary>Creates the runner and says why that engine runs the model.</summary>
    /// <exception cref="NotSupportedException">The native engine was asked for and cannot run the model (the message lists why).</exception>
    public static (IModelRunner Runner, string Reason) Create(ReadOnlyMemory<byte> verifiedBytes, ModelProto model, string engine, ModelRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (engine)
        {
            case "native":
                return (NativeRunner.Create(model, options), "asked for the native engine");
            case "onnxruntime" or "ort":
                return (OnnxRuntimeRunner.Create(verifiedBytes, options), "asked for ONNX Runtime");
            case "auto":
                var support = NativeSupport.Check(model, options);
                return support.IsSupported
                    ? (NativeRunner.Create(model, options), "the native engine supports every node")
                    : (OnnxRuntimeRunner.Create(verifiedBytes, options), "ONNX Runtime, because the native engine cannot run: " + string.Join("; ", support.Problems));
            default:
                throw new ArgumentException($"Unknown engine '{engine}'; use {string.Join(", ", EngineNames)}.", nameof(engine));
        }
    }
}
