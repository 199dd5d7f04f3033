using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>ONNX DequantizeLinear from u8, s8 or int32, per tensor or per axis: y = (x - zeroPoint) · scale in float32.</summary>
internal sealed class DequantizeStep(Tensor x, Tensor y, float[] scales, int[] zeroPoints, AxisLayout layout) : EngineStep
{
    public override void Run()
    {
        Span<float> dst = y.AsSpan<float>();
        switch (x.ElementType)
        {
            case TensorElementType.UInt8:
                Loop(x.Bytes, dst, static v => v);
                break;
            case TensorElementType.Int8:
                Loop(MemoryMarshal.Cast<byte, sbyte>(x.Bytes), dst, static v => v);
                break;
            default:
                Loop(x.AsSpan<int>(), dst, static v => v);
                break;
        }
    }

    private void Loop<T>(ReadOnlySpan<T> src, Span<float> dst, Func<T, int> widen)
    {
        int i = 0;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float scale = scales[scales.Length == 1 ? 0 : c];
                int zp = zeroPoints[zeroPoints.Length == 1 ? 0 : c];
                for (int j = 0; j < layout.Inner; j++, i++)
                {
                    dst[i] = (widen(src[i]) - zp) * scale;
                }
            }
        }
    }
}
