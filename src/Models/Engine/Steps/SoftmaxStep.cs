using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// Float Softmax over one axis (outer x channels x inner), numerically stable: the maximum is subtracted before
/// exponentiation, as ONNX Runtime does. Opset &lt; 13 models are planned with the axis flattened (inner = 1).
/// </summary>
internal sealed class SoftmaxStep(Tensor x, Tensor y, AxisLayout layout) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<float> src = x.AsSpan<float>();
        Span<float> dst = y.AsSpan<float>();
        int n = layout.Channels;
        int inner = layout.Inner;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int j = 0; j < inner; j++)
            {
                int start = (o * n * inner) + j;
                float max = float.NegativeInfinity;
                for (int c = 0; c < n; c++)
                {
                    max = Math.Max(max, src[start + (c * inner)]);
                }

                float sum = 0f;
                for (int c = 0; c < n; c++)
                {
                    float e = MathF.Exp(src[start + (c * inner)] - max);
                    dst[start + (c * inner)] = e;
                    sum += e;
                }

                float inverse = 1f / sum;
                for (int c = 0; c < n; c++)
                {
                    dst[start + (c * inner)] *= inverse;
                }
            }
        }
    }
}
