using System.Runtime.CompilerServices;
using EdgeAi.Models.Engine.Planning;
using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine;

/// <summary>
/// EdgeAi's own int8 engine: runs the quantized ONNX models <see cref="NativeSupport"/> accepts, with every
/// buffer, packed weight and index map made at <see cref="Create"/>, so <see cref="Run"/> allocates nothing.
/// </summary>
/// <remarks>
/// <para>QDQ patterns around MatMul, Gemm and Conv run as integer GEMMs with int32 accumulation and fixed-point
/// requantization (<see cref="Requantization"/>: round half to even on the exact product). ONNX Runtime
/// requantizes in float (MLAS: float(acc) · scale, then round half to even), so a quantized output can differ
/// from ONNX Runtime's by one quantization step where the real value lies within float rounding of a .5 boundary;
/// float outputs downstream of such a step differ by the step's effect (see src/Models/Engine/README.md for the
/// measured figures). Not thread-safe (see <see cref="IModelRunner"/>).</para>
/// <para>Float biases of fused MatMul/Gemm/Conv patterns with quantized outputs are converted once to int32 at scale
/// x_scale · w_scale[n], rounding half to even; fused patterns with float outputs keep the bias in float.</para>
/// </remarks>
public sealed class NativeRunner : IModelRunner
{
    private readonly EngineStep[] _steps;
    private bool _disposed;

    private NativeRunner(EnginePlan plan, KernelSet kernels)
    {
        _steps = plan.Steps;
        InputInfo = plan.InputInfo;
        OutputInfo = plan.OutputInfo;
        Inputs = plan.Inputs;
        Outputs = plan.Outputs;
        Kernels = KernelSelector.NameOf(kernels);
        IntermediateBytes = plan.IntermediateBytes;
        UnsharedIntermediateBytes = plan.UnsharedIntermediateBytes;
    }

    /// <inheritdoc />
    public ModelEngine Engine => ModelEngine.Native;

    /// <inheritdoc />
    public string Kernels { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorInfo> InputInfo { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorInfo> OutputInfo { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> Outputs { get; }

    /// <summary>The planned steps' kinds, in run order (for tests and diagnostics).</summary>
    internal IReadOnlyList<string> StepKinds => _steps.Select(s => s.GetType().Name).ToArray();

    /// <summary>Bytes of the intermediate and output buffers allocated at creation (after buffer sharing).</summary>
    public long IntermediateBytes { get; }

    /// <summary>What the intermediate and output values would take with one buffer each (for the memory-plan test).</summary>
    internal long UnsharedIntermediateBytes { get; }

    /// <summary>Plans <paramref name="model"/> for the native engine.</summary>
    /// <param name="model">A model (validated here with <see cref="OnnxModelValidator"/>).</param>
    /// <param name="options">Input shapes for symbolic dimensions (else 1) and the kernel set (else <see cref="KernelSelector.Default"/>).</param>
    /// <exception cref="NativeModelNotSupportedException">The engine cannot run the model; the exception lists the nodes and why.</exception>
    /// <exception cref="InvalidDataException">The model is malformed (the message names the node or tensor).</exception>
    /// <exception cref="ArgumentException">An input shape in <paramref name="options"/> does not fit the model.</exception>
    /// <exception cref="NotSupportedException">This CPU cannot run the requested kernel set.</exception>
    /// <exception cref="InvalidOperationException">No kernel set was requested and <see cref="KernelSelector.EnvironmentVariable"/> names an unknown or unsupported one.</exception>
    public static NativeRunner Create(ModelProto model, ModelRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        OnnxModelValidator.Validate(model);
        options ??= new ModelRunnerOptions();
        KernelSet kernels = options.Kernels ?? KernelSelector.Default;
        var planner = new GraphPlanner(model, options, new QGemm(kernels));
        EnginePlan? plan = planner.Build();
        if (plan is null)
        {
            throw new NativeModelNotSupportedException(planner.Problems);
        }

        return new NativeRunner(plan, kernels);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EngineStep[] steps = _steps;
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i].Run();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;
}
