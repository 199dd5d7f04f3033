using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// The prepared activation form of the 16-bit widening kernels (AVX2, AVX-512BW): each row's u8 values
/// zero-extended to u16 and padded with zeros to whole K groups, 8 bytes per group. The kernels then fetch a
/// group with one broadcast load (<c>vpbroadcastq</c>) instead of a broadcast plus a <c>vpmovzxbw</c> shuffle
/// for every row, group and panel; the padding also makes the K tail need no special case.
/// </summary>
internal static class ActivationWidening
{
    /// <summary>Bytes per prepared row: ceil(k / 4) groups x 4 values x 2 bytes.</summary>
    public static int RowBytes(int k) => ((k + 3) / 4) * 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<byte> rows, int count, int k, Span<byte> prepared)
    {
        int stride = RowBytes(k);
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<byte> source = rows.Slice(r * k, k);
            Span<ushort> target = MemoryMarshal.Cast<byte, ushort>(prepared.Slice(r * stride, stride));
            int i = 0;
            for (; i <= k - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Create(source.Slice(i, 16)));
                lo.CopyTo(target.Slice(i, 8));
                hi.CopyTo(target.Slice(i + 8, 8));
            }

            for (; i < k; i++)
            {
                target[i] = source[i];
            }

            target[k..].Clear();
        }
    }
}
