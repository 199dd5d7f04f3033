using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>Float GlobalAveragePool: the mean of each (n, c) plane.</summary>
internal sealed class GlobalAveragePoolStep(Tensor x, Tensor y, int planes, int planeSize) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<float> src = x.AsSpan<float>();
        Span<float> dst = y.AsSpan<float>();
        for (int p = 0; p < planes; p++)
        {
            float sum = 0f;
            foreach (float v in src.Slice(p * planeSize, planeSize))
            {
                sum += v;
            }

            dst[p] = sum / planeSize;
        }
    }
}
