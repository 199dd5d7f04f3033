using EdgeAi.Models.Engine.Planning;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine;

/// <summary>
/// Says whether the native int8 engine runs a model, and if not which nodes stop it and why: what
/// <c>edgeai model info</c> prints and what the loader uses to fall back to ONNX Runtime.
/// </summary>
public static class NativeSupport
{
    /// <summary>The default-domain operators the engine plans (float MatMul, Gemm and Conv only inside QDQ patterns).</summary>
    public static IReadOnlySet<string> SupportedOperators => GraphPlanner.SupportedOps;

    /// <summary>
    /// Checks <paramref name="model"/> with symbolic input dimensions bound to 1 (or to <paramref name="options"/>'
    /// shapes). Every unsupported operator is listed; past that, planning stops at the first node it cannot run
    /// (attribute values, dtypes, shapes, float MatMul/Gemm/Conv outside a QDQ pattern). A malformed model is
    /// reported as a problem too, not thrown.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static NativeSupportResult Check(ModelProto model, ModelRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            OnnxModelValidator.Validate(model);
            var planner = new GraphPlanner(model, options ?? new ModelRunnerOptions(), gemm: null);
            planner.Build();
            return new NativeSupportResult(planner.Problems);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return new NativeSupportResult([new NativeSupportProblem(string.Empty, string.Empty, string.Empty, "invalid model: " + e.Message)]);
        }
    }
}
