using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Inference;

/// <summary>
/// A tensor crossing the inference seam: row-major, little-endian, no padding — the layout of Triton's
/// binary tensor extension, so binary request data is used as-is and JSON data is packed into it once.
/// </summary>
/// <param name="Name">Input or output name.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Dimensions; every entry is known (no -1) on a concrete tensor.</param>
/// <param name="Data">
/// <c>ElementCount * ElementSize</c> bytes. The tensor does not own native memory: the bytes are managed and
/// stay valid as long as the tensor is referenced.
/// </param>
internal sealed record InferenceTensor(string Name, TensorDataType DataType, long[] Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => ElementCountOf(Shape);

    /// <summary>Product of <paramref name="shape"/>'s dimensions (1 for a scalar).</summary>
    public static long ElementCountOf(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            count = checked(count * dim);
        }

        return count;
    }
}
