using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace EdgeAi.Models.Runtime;

/// <summary>
/// Runs a model with Microsoft ONNX Runtime's CPU execution provider (MLAS kernels). The runner owns its
/// <see cref="Inputs"/> and <see cref="Outputs"/>: each is a <see cref="Tensor"/> over pinned memory, wrapped once in
/// an <see cref="OrtValue"/> and bound through an <see cref="OrtIoBinding"/>, so <see cref="Run"/> copies nothing in
/// or out: ONNX Runtime reads the input tensors' memory and writes straight into the output tensors' memory (the one
/// exception: a graph input that is also a graph output is copied to its output tensor after the run).
/// Measured on x64 (.NET 10, ONNX Runtime 1.31.1): a <see cref="Run"/> allocates 0 managed bytes (see
/// <c>OnnxRuntimeRunnerTests.Run_Steady_AllocatesNoManagedMemory</c>); ONNX Runtime's native arena may still
/// allocate for intermediate values. Not thread-safe: one run at a time (the <see cref="IModelRunner"/> contract).
/// </summary>
public sealed class OnnxRuntimeRunner : IModelRunner
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue[] _values;
    private readonly (Tensor Input, Tensor Output)[] _passThrough;
    private bool _disposed;

    private OnnxRuntimeRunner(
        InferenceSession session,
        SessionOptions sessionOptions,
        RunOptions runOptions,
        OrtIoBinding binding,
        OrtValue[] values,
        RunnerTensors tensors,
        int intraOpThreads)
    {
        _session = session;
        _sessionOptions = sessionOptions;
        _runOptions = runOptions;
        _binding = binding;
        _values = values;
        // ONNX Runtime hands a graph input that is also a graph output back as the input's own value and leaves a
        // bound output buffer untouched, so such an output is copied from its input after each run.
        _passThrough = tensors.Outputs
            .Select(o => (Input: tensors.Inputs.FirstOrDefault(i => i.Name == o.Name), Output: o))
            .Where(p => p.Input is not null)
            .Select(p => (p.Input!, p.Output))
            .ToArray();
        InputInfo = tensors.InputInfo;
        OutputInfo = tensors.OutputInfo;
        Inputs = tensors.Inputs;
        Outputs = tensors.Outputs;
        IntraOpThreads = intraOpThreads;
    }

    /// <inheritdoc />
    public ModelEngine Engine => ModelEngine.OnnxRuntime;

    /// <inheritdoc />
    public string Kernels => "mlas";

    /// <summary>The intra-op thread count the session was created with.</summary>
    public int IntraOpThreads { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorInfo> InputInfo { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorInfo> OutputInfo { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> Outputs { get; }

    /// <summary>
    /// Creates a session from model bytes the caller has already verified (SHA-256) and parsed with
    /// <see cref="Onnx.OnnxModelReader"/>: ONNX Runtime is given the same bytes, never a second read of a file.
    /// Symbolic input dimensions take their values from <see cref="ModelRunnerOptions.InputShapes"/> (else 1); output
    /// shapes come from one run on the zero-filled inputs at creation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ModelRunnerOptions.IntraOpThreads"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">An <see cref="ModelRunnerOptions.InputShapes"/> entry names no input or does not fit its input.</exception>
    /// <exception cref="InvalidDataException">ONNX Runtime rejects the model (its message is included), or the model
    /// has an input or output type the runner does not support.</exception>
    public static OnnxRuntimeRunner Create(ReadOnlyMemory<byte> verifiedModelBytes, ModelRunnerOptions? options = null)
    {
        options ??= new ModelRunnerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1, nameof(options));
        OnnxRuntimeTelemetry.TurnOff();
        byte[] bytes = MemoryMarshal.TryGetArray(verifiedModelBytes, out ArraySegment<byte> segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : verifiedModelBytes.ToArray();

        var sessionOptions = new SessionOptions();
        var disposables = new List<IDisposable> { sessionOptions };
        try
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            sessionOptions.InterOpNumThreads = 1;
            sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
            // ONNX Runtime logs to stderr by itself, outside our logging; keep it to errors (not "unused initializer" notes).
            sessionOptions.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            // An edge node shares its cores with sensor loops: idle ORT threads sleep instead of spinning.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");

            InferenceSession session;
            try
            {
                session = new InferenceSession(bytes, sessionOptions);
            }
            catch (OnnxRuntimeException e)
            {
                throw new InvalidDataException($"ONNX Runtime rejected the model: {e.Message}", e);
            }

            disposables.Add(session);
            var runOptions = new RunOptions();
            disposables.Add(runOptions);
            OrtIoBinding binding = session.CreateIoBinding();
            disposables.Add(binding);

            var values = new List<OrtValue>();
            List<TensorInfo> inputInfo = Describe(session.InputNames, session.InputMetadata, "input");
            List<TensorInfo> outputInfo = Describe(session.OutputNames, session.OutputMetadata, "output");
            string? unknown = options.InputShapes.Keys.FirstOrDefault(name => !inputInfo.Any(i => i.Name == name));
            if (unknown is not null)
            {
                throw new ArgumentException(
                    $"InputShapes names '{unknown}', which is not an input of the model ({string.Join(", ", inputInfo.Select(i => i.Name))}).", nameof(options));
            }

            var inputs = new List<Tensor>();
            foreach (TensorInfo info in inputInfo)
            {
                var tensor = new Tensor(info.Name, info.ElementType, ConcreteShape(info, options));
                OrtValue value = Wrap(tensor);
                disposables.Add(value);
                values.Add(value);
                binding.BindInput(info.Name, value);
                inputs.Add(tensor);
            }

            List<Tensor> outputs = DiscoverOutputs(session, runOptions, binding, outputInfo);
            foreach (Tensor tensor in outputs)
            {
                OrtValue value = Wrap(tensor);
                disposables.Add(value);
                values.Add(value);
                binding.BindOutput(tensor.Name, value);
            }

            return new OnnxRuntimeRunner(
                session, sessionOptions, runOptions, binding, [.. values],
                new RunnerTensors(inputInfo, outputInfo, inputs, outputs), options.IntraOpThreads);
        }
        catch
        {
            for (int i = disposables.Count - 1; i >= 0; i--)
            {
                disposables[i].Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">ONNX Runtime failed the run (its message is included).</exception>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _session.RunWithBinding(_runOptions, _binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"ONNX Runtime failed the run: {e.Message}", e);
        }

        foreach ((Tensor input, Tensor output) in _passThrough)
        {
            input.Bytes.CopyTo(output.Bytes);
        }
    }

    /// <summary>Releases the session, the bound values and the options (the tensors stay readable).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        foreach (OrtValue value in _values)
        {
            value.Dispose();
        }

        _session.Dispose();
        _runOptions.Dispose();
        _sessionOptions.Dispose();
    }

    private static List<TensorInfo> Describe(
        IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata, string what)
    {
        var infos = new List<TensorInfo>(names.Count);
        foreach (string name in names)
        {
            NodeMetadata node = metadata[name];
            if (!node.IsTensor)
            {
                throw new InvalidDataException($"Model {what} '{name}' is a {node.OnnxValueType}, not a tensor; the runner binds tensors only.");
            }

            TensorElementType type = TensorElementTypes.FromOnnx((int)node.ElementDataType)
                ?? throw new InvalidDataException($"Model {what} '{name}' has element type {node.ElementDataType}, which the runner does not support.");
            infos.Add(new TensorInfo(name, type, node.Dimensions.Select(d => (long)d).ToArray()));
        }

        return infos;
    }

    private static int[] ConcreteShape(TensorInfo info, ModelRunnerOptions options)
    {
        int rank = info.Shape.Count;
        if (!options.InputShapes.TryGetValue(info.Name, out int[]? given))
        {
            return info.Shape.Select(d => d < 0 ? 1 : (int)d).ToArray();
        }

        if (given.Length != rank)
        {
            throw new ArgumentException($"Input '{info.Name}' has rank {rank}; the given shape [{string.Join(", ", given)}] has rank {given.Length}.", nameof(options));
        }

        for (int i = 0; i < rank; i++)
        {
            if (given[i] < 1 || (info.Shape[i] >= 0 && info.Shape[i] != given[i]))
            {
                throw new ArgumentException(
                    $"Input '{info.Name}': the given shape [{string.Join(", ", given)}] does not fit the declared [{string.Join(", ", info.Shape)}] at dimension {i}.",
                    nameof(options));
            }
        }

        return (int[])given.Clone();
    }

    /// <summary>One run with outputs allocated by ONNX Runtime, to learn their concrete shapes.</summary>
    private static List<Tensor> DiscoverOutputs(
        InferenceSession session, RunOptions runOptions, OrtIoBinding binding, List<TensorInfo> outputInfo)
    {
        foreach (TensorInfo info in outputInfo)
        {
            binding.BindOutputToDevice(info.Name, OrtMemoryInfo.DefaultInstance);
        }

        try
        {
            session.RunWithBinding(runOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime could not run the model with the bound input shapes: {e.Message}", e);
        }

        var outputs = new List<Tensor>(outputInfo.Count);
        using (IDisposableReadOnlyCollection<OrtValue> produced = binding.GetOutputValues())
        {
            for (int i = 0; i < outputInfo.Count; i++)
            {
                long[] shape = produced[i].GetTensorTypeAndShape().Shape;
                outputs.Add(new Tensor(outputInfo[i].Name, outputInfo[i].ElementType, shape.Select(d => checked((int)d)).ToArray()));
            }
        }

        binding.ClearBoundOutputs();
        return outputs;
    }

    private static OrtValue Wrap(Tensor tensor)
    {
        // The storage lives on the pinned object heap, so its address is stable for the tensor's lifetime,
        // which the runner's lifetime bounds (the runner holds the tensors).
        byte[] storage = tensor.Storage;
        IntPtr address = storage.Length == 0 ? IntPtr.Zero : Marshal.UnsafeAddrOfPinnedArrayElement(storage, 0);
        long[] shape = new long[tensor.Shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Shape[i];
        }

        return OrtValue.CreateTensorValueWithData(
            OrtMemoryInfo.DefaultInstance, (OrtElementType)(int)tensor.ElementType, shape, address, storage.Length);
    }

    private sealed record RunnerTensors(
        IReadOnlyList<TensorInfo> InputInfo, IReadOnlyList<TensorInfo> OutputInfo, IReadOnlyList<Tensor> Inputs, IReadOnlyList<Tensor> Outputs);
}
