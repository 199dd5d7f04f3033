using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Quantization;

/// <summary>The QDQ model and the report of <see cref="ModelQuantizer.Quantize"/>.</summary>
/// <param name="Model">The quantized model (QDQ format, opset 13 or the float model's newer opset); write it with <see cref="Onnx.OnnxModelWriter"/>.</param>
/// <param name="Report">Calibration ranges and float vs int8 comparison.</param>
public sealed record QuantizationResult(ModelProto Model, QuantizationReport Report);
