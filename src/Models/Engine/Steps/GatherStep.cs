using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// y[i] = x[map[i]] for any element type: Transpose, planned as an index map once (4 bytes per element), so it is
/// exact on quantized bytes as on floats.
/// </summary>
internal sealed class GatherStep(Tensor x, Tensor y, int[] map) : EngineStep
{
    private readonly int _size = TensorElementTypes.SizeOf(x.ElementType);

    /// <summary>The index map of Transpose(perm) over <paramref name="shape"/>.</summary>
    public static int[] TransposeMap(ReadOnlySpan<int> shape, ReadOnlySpan<int> perm)
    {
        int rank = shape.Length;
        var inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            inStrides[i] = stride;
            stride *= shape[i];
        }

        var outShape = new int[rank];
        var strides = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            outShape[i] = shape[perm[i]];
            strides[i] = inStrides[perm[i]];
        }

        var map = new int[stride];
        var counter = new int[rank];
        for (int o = 0; o < map.Length; o++)
        {
            int offset = 0;
            for (int d = 0; d < rank; d++)
            {
                offset += counter[d] * strides[d];
            }

            map[o] = offset;
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++counter[d] < outShape[d])
                {
                    break;
                }

                counter[d] = 0;
            }
        }

        return map;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        if (_size == 1)
        {
            ReadOnlySpan<byte> src = x.Bytes;
            Span<byte> dst = y.Bytes;
            for (int i = 0; i < map.Length; i++)
            {
                dst[i] = src[map[i]];
            }
        }
        else if (_size == 4)
        {
            // Float and int32 elements: one 4-byte load and store each, rather than a slice and a copy call.
            ReadOnlySpan<int> src = MemoryMarshal.Cast<byte, int>(x.Bytes);
            Span<int> dst = MemoryMarshal.Cast<byte, int>(y.Bytes);
            for (int i = 0; i < map.Length; i++)
            {
                dst[i] = src[map[i]];
            }
        }
        else
        {
            ReadOnlySpan<byte> src = x.Bytes;
            Span<byte> dst = y.Bytes;
            for (int i = 0; i < map.Length; i++)
            {
                src.Slice(map[i] * _size, _size).CopyTo(dst.Slice(i * _size, _size));
            }
        }
    }
}
