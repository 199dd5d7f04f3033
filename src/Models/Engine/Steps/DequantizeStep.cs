using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>ONNX DequantizeLinear from u8, s8 or int32, per tensor or per axis: y = (x - zeroPoint) · scale in float32.</summary>
internal sealed class DequantizeStep(Tensor x, Tensor y, float[] scales, int[] zeroPoints, AxisLayout layout) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        Span<float> dst = y.AsSpan<float>();
        int i = 0;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float scale = scales[scales.Length == 1 ? 0 : c];
                int zp = zeroPoints[zeroPoints.Length == 1 ? 0 : c];
                Span<float> row = dst.Slice(i, layout.Inner);
                switch (x.ElementType)
                {
                    case TensorElementType.UInt8:
                        ReadOnlySpan<byte> u8 = x.Bytes.Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = (u8[j] - zp) * scale;
                        }

                        break;
                    case TensorElementType.Int8:
                        ReadOnlySpan<sbyte> s8 = MemoryMarshal.Cast<byte, sbyte>(x.Bytes).Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = (s8[j] - zp) * scale;
                        }

                        break;
                    default:
                        ReadOnlySpan<int> s32 = x.AsSpan<int>().Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = unchecked(s32[j] - zp) * scale;
                        }

                        break;
                }

                i += layout.Inner;
            }
        }
    }
}
