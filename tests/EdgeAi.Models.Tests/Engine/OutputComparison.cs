using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>Element-wise comparison of a native output with a reference output's bytes.</summary>
public static class OutputComparison
{
    public static double ValueAt(ReadOnlySpan<byte> bytes, TensorElementType type, int i) => type switch
    {
        TensorElementType.Float32 => MemoryMarshal.Cast<byte, float>(bytes)[i],
        TensorElementType.UInt8 => bytes[i],
        TensorElementType.Int8 => (sbyte)bytes[i],
        TensorElementType.Int32 => MemoryMarshal.Cast<byte, int>(bytes)[i],
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>The largest |native - reference| over the tensor, and the index where it occurs.</summary>
    public static (double Max, int Index) MaxDifference(Tensor native, ReadOnlySpan<byte> reference)
    {
        Assert.Equal(native.Bytes.Length, reference.Length);
        double max = 0;
        int at = -1;
        for (int i = 0; i < native.ElementCount; i++)
        {
            double d = Math.Abs(ValueAt(native.Bytes, native.ElementType, i) - ValueAt(reference, native.ElementType, i));
            if (d > max || double.IsNaN(d))
            {
                max = double.IsNaN(d) ? double.PositiveInfinity : d;
                at = i;
            }
        }

        return (max, at);
    }
}
