namespace EdgeAi.Cloud.Client.Oip;

/// <summary>
/// One tensor on the wire (request input or response output), flat row-major data. Integer datatypes keep
/// their values in <see cref="Integers"/> (exact for INT64/UINT64 up to 2^63-1); floating-point and BOOL
/// (0/1) in <see cref="Reals"/>. Exactly one of the two is set.
/// </summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Shape">Shape; the product must equal the element count.</param>
/// <param name="Datatype">OIP datatype: BOOL, UINT8..UINT64, INT8..INT64, FP32, FP64.</param>
/// <param name="Integers">Values of an integer datatype.</param>
/// <param name="Reals">Values of FP32, FP64 or BOOL.</param>
public sealed record InferTensor(string Name, IReadOnlyList<long> Shape, string Datatype, IReadOnlyList<long>? Integers, IReadOnlyList<double>? Reals)
{
    /// <summary>An FP32 tensor.</summary>
    public static InferTensor Fp32(string name, IReadOnlyList<long> shape, IReadOnlyList<float> data) =>
        new(name, shape, "FP32", null, [.. data.Select(v => (double)v)]);

    /// <summary>An FP64 tensor.</summary>
    public static InferTensor Fp64(string name, IReadOnlyList<long> shape, IReadOnlyList<double> data) => new(name, shape, "FP64", null, data);

    /// <summary>An INT64 tensor.</summary>
    public static InferTensor OfInt64(string name, IReadOnlyList<long> shape, IReadOnlyList<long> data) => new(name, shape, "INT64", data, null);

    /// <summary>An INT32 tensor.</summary>
    public static InferTensor OfInt32(string name, IReadOnlyList<long> shape, IReadOnlyList<int> data) => new(name, shape, "INT32", [.. data.Select(v => (long)v)], null);

    /// <summary>Whether <paramref name="datatype"/> carries integers on the wire.</summary>
    public static bool IsIntegerType(string datatype) =>
        datatype is "UINT8" or "UINT16" or "UINT32" or "UINT64" or "INT8" or "INT16" or "INT32" or "INT64";

    /// <summary>Whether the client can send and read <paramref name="datatype"/> (the service's JSON set).</summary>
    public static bool IsSupportedType(string datatype) => IsIntegerType(datatype) || datatype is "FP32" or "FP64" or "BOOL";

    /// <summary>The values as doubles, whatever the datatype.</summary>
    public IReadOnlyList<double> AsDoubles() => Reals ?? [.. Integers!.Select(v => (double)v)];
}
