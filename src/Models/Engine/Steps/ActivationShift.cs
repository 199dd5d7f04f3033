using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>s8 to u8 activations, exactly: x + 128 is x XOR 0x80 on the bytes (the zero point moves by +128 too).</summary>
internal static class ActivationShift
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUnsigned(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        Span<ulong> wide = MemoryMarshal.Cast<byte, ulong>(dst);
        ReadOnlySpan<ulong> wideSrc = MemoryMarshal.Cast<byte, ulong>(src);
        for (int i = 0; i < wideSrc.Length; i++)
        {
            wide[i] = wideSrc[i] ^ 0x8080808080808080UL;
        }

        for (int i = wideSrc.Length * sizeof(ulong); i < src.Length; i++)
        {
            dst[i] = (byte)(src[i] ^ 0x80);
        }

    }
}
