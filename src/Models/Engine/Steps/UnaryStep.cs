using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>Float Relu, Clip(min, max) and Sigmoid (1 / (1 + e^-x), which saturates cleanly at both ends).</summary>
internal sealed class UnaryStep(Tensor x, Tensor y, UnaryOperator op, float min = float.NegativeInfinity, float max = float.PositiveInfinity) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<float> src = x.AsSpan<float>();
        Span<float> dst = y.AsSpan<float>();
        switch (op)
        {
            case UnaryOperator.Relu:
                for (int i = 0; i < src.Length; i++)
                {
                    dst[i] = Math.Max(src[i], 0f);
                }

                break;
            case UnaryOperator.Clip:
                for (int i = 0; i < src.Length; i++)
                {
                    dst[i] = Math.Min(Math.Max(src[i], min), max);
                }

                break;
            default:
                for (int i = 0; i < src.Length; i++)
                {
                    dst[i] = 1f / (1f + MathF.Exp(-src[i]));
                }

                break;
        }
    }
}
