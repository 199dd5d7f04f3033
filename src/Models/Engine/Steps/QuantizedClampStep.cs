using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// Relu or Clip between a DequantizeLinear and a QuantizeLinear with the same scale and zero point, on the quantized
/// values: Q(clip(DQ(x), lo, hi)) = clamp(x, Q(lo), Q(hi)) exactly, because quantization is monotonic and
/// Q(DQ(x)) = x (Relu is lo = 0, so the lower bound is the zero point).
/// </summary>
internal sealed class QuantizedClampStep(Tensor x, Tensor y, int min, int max) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        if (x.ElementType == TensorElementType.Int8)
        {
            ReadOnlySpan<sbyte> src = MemoryMarshal.Cast<byte, sbyte>(x.Bytes);
            Span<sbyte> dst = MemoryMarshal.Cast<byte, sbyte>(y.Bytes);
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = (sbyte)Math.Clamp(src[i], min, max);
            }
        }
        else
        {
            ReadOnlySpan<byte> src = x.Bytes;
            Span<byte> dst = y.Bytes;
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = (byte)Math.Clamp(src[i], min, max);
            }
        }
    }
}
