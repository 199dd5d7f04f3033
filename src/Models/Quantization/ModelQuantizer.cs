using System.Numerics.Tensors;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Quantization;

/// <summary>
/// Post-training static quantization of a float ONNX model into ONNX Runtime's QDQ format, the pattern EdgeAi's
/// native engine fuses: DQ(x) and DQ(w) → MatMul/Gemm/Conv [→ Add bias] [→ Relu] → Q.
/// <list type="bullet">
/// <item>Activations: uint8 asymmetric, one scale and zero point per tensor, range widened to include 0, zero point
/// clamped to [0, 255]; ranges from the calibration set (min/max or a percentile).</item>
/// <item>Weights of MatMul (axis 1), Gemm (transB = 1: axis 0, else axis 1) and Conv (axis 0): per-channel symmetric
/// int8 in [-127, 127], zero point 0, scale max|w| / 127 (an all-zero channel gets a tiny positive scale).</item>
/// <item>Biases (Gemm C, Conv B, or a MatMul's following Add of a 1-D initializer): int32, scale
/// x_scale · w_scale[c], zero point 0, rounded half to even, through DequantizeLinear (axis 0).</item>
/// <item>The graph input and every quantized op's input get QuantizeLinear → DequantizeLinear; each quantized op's
/// output, after a Relu that alone reads it, gets QuantizeLinear → DequantizeLinear. Other ops (Softmax, MaxPool,
/// Flatten, ...) stay float with no QDQ around them and read the dequantized values; graph outputs stay float.
/// When such an op only moves or selects values (MaxPool, Flatten, Reshape, Transpose, Squeeze, Unsqueeze,
/// Identity) between two quantized activations, both share one scale and zero point.</item>
/// </list>
/// </summary>
public static class ModelQuantizer
{
    /// <summary>Oldest default-domain opset accepted: per-channel DequantizeLinear (the axis attribute) needs 13.</summary>
    public const long MinimumOpset = 13;

    /// <summary>
    /// Calibrates on <paramref name="data"/>'s calibration samples, writes the QDQ model and compares it with the float
    /// model on the hold-out samples (both in ONNX Runtime).
    /// </summary>
    /// <exception cref="InvalidDataException">The model has no single float input, an opset older than 13, nothing to
    /// quantize, or a sample shape other than <paramref name="data"/>'s; or ONNX Runtime rejects it.</exception>
    public static QuantizationResult Quantize(ModelProto floatModel, CalibrationData data, QuantizerOptions options, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(floatModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        OnnxModelValidator.Validate(floatModel);
        long opset = floatModel.OpsetImport.Where(o => o.Domain.Length == 0 || o.Domain == "ai.onnx").Max(o => o.Version);
        if (opset < MinimumOpset)
        {
            throw new InvalidDataException($"The model imports opset {opset}; quantization needs opset {MinimumOpset} or newer (per-channel DequantizeLinear).");
        }

        int[] shape = CalibrationData.SampleShapeOf(floatModel);
        if (!shape.SequenceEqual(data.SampleShape))
        {
            throw new InvalidDataException(
                $"The model's samples are [{string.Join(", ", shape)}]; the calibration data's are [{string.Join(", ", data.SampleShape)}].");
        }

        var plan = QuantizationPlan.Build(floatModel.Graph);
        if (plan.Operators.Count == 0)
        {
            throw new InvalidDataException("The model has no MatMul, Gemm or Conv with initializer weights to quantize.");
        }

        Dictionary<string, ActivationRange> ranges = ActivationCalibrator.Calibrate(
            floatModel, plan.Activations, data, options, p => progress?.Report(0.8 * p));
        ShareRangesThroughValuePreservingOps(floatModel.Graph, plan.Activations, ranges);

        ModelProto quantized = floatModel.Clone();
        quantized.Graph = QdqGraphWriter.Write(floatModel.Graph, plan, ranges);
        OnnxModelValidator.Validate(quantized);

        (double maxError, double meanError, double? floatAccuracy, double? quantizedAccuracy) =
            Compare(floatModel, quantized, data, options, p => progress?.Report(0.8 + (0.2 * p)));
        progress?.Report(1);

        var report = new QuantizationReport(
            data.CalibrationCount,
            data.HoldoutCount,
            maxError,
            meanError,
            floatAccuracy,
            quantizedAccuracy,
            plan.Operators.Select(o => NodeName(o.Node, floatModel.Graph)).ToList(),
            plan.FloatNodes.Select(n => NodeName(n, floatModel.Graph)).ToList(),
            plan.Activations.Select(a => ranges[a]).ToList());
        return new QuantizationResult(quantized, report);
    }

    /// <summary>The model's one data input: a float graph input that is not an initializer.</summary>
    internal static ValueInfoProto DataInput(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = model.Graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new InvalidDataException($"The model has {inputs.Count} inputs; the quantizer handles models with exactly one.");
        }

        if (inputs[0].Type?.TensorType is not { ElemType: (int)DataType.Float })
        {
            throw new InvalidDataException($"Input '{inputs[0].Name}' is not a float tensor.");
        }

        return inputs[0];
    }

    /// <summary>
    /// An activation produced by an op that only moves or selects values (MaxPool, Flatten, Reshape, ...) from an
    /// activation that is itself quantized takes that activation's scale and zero point: then
    /// Q(op(DQ(q))) = op(q) exactly, and an int8 engine can run the op on the uint8 values with no requantization.
    /// </summary>
    private static void ShareRangesThroughValuePreservingOps(GraphProto graph, IReadOnlyList<string> activations, Dictionary<string, ActivationRange> ranges)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node, StringComparer.Ordinal);
        foreach (string name in activations)
        {
            if (producers.TryGetValue(name, out NodeProto? producer)
                && ValuePreservingOps.Contains(producer.OpType)
                && ranges.TryGetValue(producer.Input[0], out ActivationRange? source))
            {
                ranges[name] = source with { Tensor = name, Min = ranges[name].Min, Max = ranges[name].Max };
            }
        }
    }

    private static readonly HashSet<string> ValuePreservingOps =
        new(["MaxPool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Identity"], StringComparer.Ordinal);

    private static string NodeName(NodeProto node, GraphProto graph) =>
        node.Name.Length > 0 ? node.Name : $"{node.OpType}#{graph.Node.IndexOf(node)}";

    private static (double Max, double Mean, double? FloatAccuracy, double? QuantizedAccuracy) Compare(
        ModelProto floatModel, ModelProto quantized, CalibrationData data, QuantizerOptions options, Action<double> progress)
    {
        int count = data.HoldoutCount;
        if (count == 0)
        {
            return (double.NaN, double.NaN, null, null);
        }

        float[] expected = RunFirstOutput(floatModel, data, options, done => progress(0.5 * done / count));
        float[] actual = RunFirstOutput(quantized, data, options, done => progress(0.5 + (0.5 * done / count)));
        double max = 0, sum = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - (double)actual[i]);
            max = Math.Max(max, error);
            sum += error;
        }

        double? floatAccuracy = null, quantizedAccuracy = null;
        if (data.HasLabels)
        {
            floatAccuracy = Accuracy(expected, data.HoldoutLabels);
            quantizedAccuracy = Accuracy(actual, data.HoldoutLabels);
        }

        return (max, expected.Length == 0 ? 0 : sum / expected.Length, floatAccuracy, quantizedAccuracy);
    }

    private static float[] RunFirstOutput(ModelProto model, CalibrationData data, QuantizerOptions options, Action<int> progress)
    {
        var values = new List<float>();
        using var runner = new BatchedOnnxRunner(model, [.. data.SampleShape], options.BatchSize);
        runner.Run(data.HoldoutInputs, (outputs, _) => values.AddRange(outputs[0].AsSpan<float>()), progress);
        return [.. values];
    }

    private static double Accuracy(float[] outputs, ReadOnlySpan<int> labels)
    {
        int perSample = outputs.Length / labels.Length;
        int right = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            right += TensorPrimitives.IndexOfMax(outputs.AsSpan(n * perSample, perSample)) == labels[n] ? 1 : 0;
        }

        return (double)right / labels.Length;
    }
}
