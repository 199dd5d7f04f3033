namespace EdgeAi.Models.Quantization;

/// <summary>
/// What <see cref="ModelQuantizer.Quantize"/> did and how close the int8 model is to the float one on the
/// hold-out samples (both run in ONNX Runtime; the first model output is compared). The error fields are NaN and the
/// accuracies null when there is no hold-out split.
/// </summary>
/// <param name="CalibrationSamples">Samples the ranges were calibrated on.</param>
/// <param name="HoldoutSamples">Samples the two models were compared on.</param>
/// <param name="MaxAbsoluteError">Largest |float − int8| over every output element of the hold-out samples.</param>
/// <param name="MeanAbsoluteError">Mean |float − int8| over the same elements.</param>
/// <param name="FloatAccuracy">Share of hold-out samples whose arg-max output equals the label (labels present), float model.</param>
/// <param name="QuantizedAccuracy">The same for the int8 model.</param>
/// <param name="QuantizedNodes">Names of the nodes that run in int8 (MatMul, Gemm, Conv).</param>
/// <param name="FloatNodes">Names of the nodes left in float.</param>
/// <param name="Activations">The calibrated activation ranges, in graph order.</param>
public sealed record QuantizationReport(
    int CalibrationSamples,
    int HoldoutSamples,
    double MaxAbsoluteError,
    double MeanAbsoluteError,
    double? FloatAccuracy,
    double? QuantizedAccuracy,
    IReadOnlyList<string> QuantizedNodes,
    IReadOnlyList<string> FloatNodes,
    IReadOnlyList<ActivationRange> Activations);
