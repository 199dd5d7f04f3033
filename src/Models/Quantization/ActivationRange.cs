namespace EdgeAi.Models.Quantization;

/// <summary>The calibrated range of one activation tensor and the uint8 parameters chosen for it.</summary>
/// <param name="Tensor">The activation's value name in the float model.</param>
/// <param name="Min">Smallest value seen on the calibration set.</param>
/// <param name="Max">Largest value seen.</param>
/// <param name="RangeMin">Lower end of the quantized range (clipped by the percentile method, always &lt;= 0).</param>
/// <param name="RangeMax">Upper end of the quantized range (always &gt;= 0).</param>
/// <param name="Scale">The quantization step.</param>
/// <param name="ZeroPoint">The uint8 value that stands for 0.</param>
public sealed record ActivationRange(string Tensor, float Min, float Max, float RangeMin, float RangeMax, float Scale, byte ZeroPoint);
