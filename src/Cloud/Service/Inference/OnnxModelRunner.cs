using EdgeAi.Cloud.Service.Protocol;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace EdgeAi.Cloud.Service.Inference;

/// <summary>
/// Runs one ONNX model file with ONNX Runtime on the CPU.
/// </summary>
/// <remarks>
/// Owns its <see cref="InferenceSession"/> and <see cref="SessionOptions"/>. Per call it allocates one
/// native <see cref="OrtValue"/> per input (ONNX Runtime's allocator), copies the request bytes in, and
/// disposes them before <see cref="Run"/> returns; output values are copied into managed arrays and
/// disposed too, so nothing native outlives a call. Callers guarantee <see cref="Dispose"/> does not race
/// with <see cref="Run"/> (see <see cref="IModelRunner"/>).
/// </remarks>
internal sealed class OnnxModelRunner : IModelRunner
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;

    /// <summary>Loads <paramref name="modelPath"/>.</summary>
    /// <exception cref="ModelLoadException">The file is missing or ONNX Runtime rejects it.</exception>
    public OnnxModelRunner(string modelPath)
    {
        EdgeAi.Models.Runtime.OnnxRuntimeTelemetry.TurnOff();
        _options = new SessionOptions();
        try
        {
            _session = new InferenceSession(modelPath, _options);
        }
        catch (OnnxRuntimeException e)
        {
            _options.Dispose();
            throw new ModelLoadException($"ONNX Runtime cannot load '{Path.GetFileName(modelPath)}': {e.Message}", e);
        }

        Inputs = Describe(_session.InputNames, _session.InputMetadata);
        Outputs = Describe(_session.OutputNames, _session.OutputMetadata);
    }

    /// <inheritdoc />
    public IReadOnlyList<TensorSignature> Inputs { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorSignature> Outputs { get; }

    /// <inheritdoc />
    public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames)
    {
        var names = new string[inputs.Count];
        var values = new OrtValue[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                names[i] = input.Name;
                values[i] = OrtValue.CreateAllocatedTensorValue(
                    OrtAllocator.DefaultInstance, OrtTypeMapping.ToOrt(input.DataType), input.Shape);
                input.Data.Span.CopyTo(values[i].GetTensorMutableRawData());
            }

            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, values, outputNames);
            var outputs = new InferenceTensor[results.Count];
            for (var i = 0; i < results.Count; i++)
            {
                outputs[i] = CopyOut(outputNames[i], results[i]);
            }

            return outputs;
        }
        catch (OnnxRuntimeException e) when (e.Message.Contains("INVALID_ARGUMENT", StringComparison.Ordinal))
        {
            // Shapes the configuration allows but the graph does not (e.g. a fixed dim the config left -1).
            throw new ProtocolException($"the model rejected the inputs: {e.Message}", e);
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private static InferenceTensor CopyOut(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var type = OrtTypeMapping.FromOrt(info.ElementDataType)
            ?? throw new ModelLoadException($"output '{name}' has element type {info.ElementDataType}, which the service cannot carry");
        var bytes = value.GetTensorMutableRawData().ToArray();
        return new InferenceTensor(name, type, info.Shape, bytes);
    }

    private static TensorSignature[] Describe(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var result = new TensorSignature[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var node = metadata[names[i]];
            TensorDataType? type = node.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? OrtTypeMapping.FromOrt(node.ElementDataType) : null;
            result[i] = new TensorSignature(names[i], type, [.. node.Dimensions.Select(d => (long)d)]);
        }

        return result;
    }
}
