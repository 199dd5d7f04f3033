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
        if ((long)count * k > rows.Length || (long)count * stride > prepared.Length)
        {
            throw new ArgumentException("The rows or the prepared buffer are too small.", nameof(prepared));
        }

        ref byte source0 = ref MemoryMarshal.GetReference(rows);
        ref byte target0 = ref MemoryMarshal.GetReference(prepared);
        for (int r = 0; r < count; r++)
        {
            ref byte source = ref Unsafe.Add(ref source0, r * k);
            ref ushort target = ref Unsafe.As<byte, ushort>(ref Unsafe.Add(ref target0, r * stride));
            int i = 0;
            for (; i <= k - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)i));
                lo.StoreUnsafe(ref target, (nuint)i);
                hi.StoreUnsafe(ref target, (nuint)(i + 8));
            }

            for (; i <= k - 8; i += 8)
            {
                Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i))).AsByte())
                    .StoreUnsafe(ref target, (nuint)i);
            }

            for (; i < k; i++)
            {
                Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
            }

            // Zero padding to whole K groups (at most 3 values).
            for (; i < stride / 2; i++)
            {
                Unsafe.Add(ref target, i) = 0;
            }
        }
    }
}
