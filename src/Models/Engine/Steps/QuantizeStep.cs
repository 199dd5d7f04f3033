using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// ONNX QuantizeLinear, float to u8/s8, per tensor or per axis: y = saturate(round(x / scale) + zeroPoint) with
/// round half to even, computed in float32 as the ONNX reference and ONNX Runtime's MLAS do.
/// </summary>
internal sealed class QuantizeStep(Tensor x, Tensor y, float[] scales, int[] zeroPoints, AxisLayout layout) : EngineStep
{
    private readonly bool _signed = y.ElementType == TensorElementType.Int8;

    public override void Run()
    {
        ReadOnlySpan<float> src = x.AsSpan<float>();
        Span<byte> dst = y.Bytes;
        int min = _signed ? sbyte.MinValue : byte.MinValue;
        int max = _signed ? sbyte.MaxValue : byte.MaxValue;
        int i = 0;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float scale = scales[scales.Length == 1 ? 0 : c];
                float zp = zeroPoints[zeroPoints.Length == 1 ? 0 : c];
                for (int j = 0; j < layout.Inner; j++, i++)
                {
                    dst[i] = unchecked((byte)Quantize(src[i], scale, zp, min, max));
                }
            }
        }
    }

    /// <summary>One value: saturate(round_half_even(v / scale) + zp); NaN becomes the zero point (as MLAS).</summary>
    public static int Quantize(float v, float scale, float zeroPoint, int min, int max)
    {
        float q = MathF.Round(v / scale, MidpointRounding.ToEven) + zeroPoint;
        return float.IsNaN(q) ? (int)zeroPoint : (int)Math.Clamp(q, min, max);
    }
}
