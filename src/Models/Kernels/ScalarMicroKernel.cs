using System.Runtime.CompilerServices;

namespace EdgeAi.Models.Kernels;

/// <summary>Plain loops over the packed layout, one row at a time: the reference every SIMD kernel must match.</summary>
internal sealed class ScalarMicroKernel : QGemmMicroKernel
{
    public override KernelSet Set => KernelSet.Scalar;

    public override int Rows => 1;

    public override int ActivationShift => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        const int Width = QGemmPackedWeights.PanelWidth;
        const int Depth = QGemmPackedWeights.GroupDepth;
        for (int j = 0; j < Width; j++)
        {
            int sum = 0;
            for (int kk = 0; kk < k; kk++)
            {
                int offset = ((kk / Depth) * Depth * Width) + (j * Depth) + (kk % Depth);
                sum += Unsafe.Add(ref a, kk) * Unsafe.Add(ref panel, offset);
            }

            tile[j] = sum;
        }
    }
}
