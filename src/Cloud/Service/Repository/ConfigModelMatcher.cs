using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// Checks that <c>config.pbtxt</c> describes the model file it sits next to, and fills in inputs/outputs
/// the configuration leaves out from the model (Triton's auto-complete for ONNX models).
/// </summary>
internal static class ConfigModelMatcher
{
    /// <summary>Returns the configuration, completed from <paramref name="runner"/> where it lists no inputs or outputs.</summary>
    /// <exception cref="ModelLoadException">The two disagree.</exception>
    public static ModelConfig Match(ModelConfig config, IModelRunner runner)
    {
        var inputs = config.Inputs.Count > 0 ? config.Inputs : Complete(config, runner.Inputs, "input");
        var outputs = config.Outputs.Count > 0 ? config.Outputs : Complete(config, runner.Outputs, "output");
        var completed = config with { Inputs = inputs, Outputs = outputs };
        foreach (var input in inputs)
        {
            Check(completed, input, runner.Inputs, "input");
        }

        foreach (var output in outputs)
        {
            Check(completed, output, runner.Outputs, "output");
        }

        // ONNX Runtime needs every graph input, so a config that leaves one out cannot be served.
        var unconfigured = runner.Inputs.FirstOrDefault(m => !inputs.Any(c => string.Equals(c.Name, m.Name, StringComparison.Ordinal)));
        if (unconfigured is not null)
        {
            throw new ModelLoadException($"model input '{unconfigured.Name}' is missing from config.pbtxt");
        }

        return completed;
    }

    private static List<TensorConfig> Complete(ModelConfig config, IReadOnlyList<TensorSignature> signatures, string what)
    {
        var result = new List<TensorConfig>();
        foreach (var signature in signatures)
        {
            var type = signature.DataType ?? throw new ModelLoadException($"model {what} '{signature.Name}' has a type the service cannot carry");
            var dims = signature.Shape;
            if (config.Batches)
            {
                if (dims.Count == 0)
                {
                    throw new ModelLoadException($"model {what} '{signature.Name}' has no batch dimension but max_batch_size > 0");
                }

                dims = [.. dims.Skip(1)];
            }

            result.Add(new TensorConfig(signature.Name, type, dims));
        }

        return result;
    }

    private static void Check(ModelConfig config, TensorConfig tensor, IReadOnlyList<TensorSignature> signatures, string what)
    {
        var signature = signatures.FirstOrDefault(s => string.Equals(s.Name, tensor.Name, StringComparison.Ordinal))
            ?? throw new ModelLoadException($"{what} '{tensor.Name}' is not in the model (it has {string.Join(", ", signatures.Select(s => s.Name))})");
        if (signature.DataType != tensor.DataType)
        {
            var actual = signature.DataType?.ToProtocolName() ?? "an unsupported type";
            throw new ModelLoadException($"{what} '{tensor.Name}' is TYPE_{tensor.DataType.ToProtocolName()} in config.pbtxt but {actual} in the model");
        }

        var expected = config.ProtocolShape(tensor);
        var actualShape = signature.Shape;
        var compatible = expected.Length == actualShape.Count;
        for (var i = 0; compatible && i < expected.Length; i++)
        {
            compatible = expected[i] == -1 || actualShape[i] == -1 || expected[i] == actualShape[i];
        }

        // A batched model's first dimension must be variable in the graph, or batches other than its size fail.
        if (compatible && config.Batches && actualShape[0] != -1)
        {
            compatible = false;
        }

        if (!compatible)
        {
            throw new ModelLoadException(
                $"{what} '{tensor.Name}' has shape [{string.Join(", ", expected)}] per config.pbtxt but [{string.Join(", ", actualShape)}] in the model");
        }
    }
}
