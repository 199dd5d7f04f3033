namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// The tensor element types the service carries: the Open Inference Protocol's datatypes (KServe v2
/// inference_rest.md, "Tensor Data Types") minus FP16/BF16 and BYTES, which have no JSON form and no
/// fixed element size.
/// </summary>
internal enum TensorDataType
{
    /// <summary>One byte per element, 0 or 1 (binary tensor extension: "true is a single byte with value 1").</summary>
    Bool,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,

    /// <summary>Signed 8-bit integer.</summary>
    Int8,

    /// <summary>Signed 16-bit integer.</summary>
    Int16,

    /// <summary>Signed 32-bit integer.</summary>
    Int32,

    /// <summary>Signed 64-bit integer.</summary>
    Int64,

    /// <summary>IEEE 754 single precision.</summary>
    Fp32,

    /// <summary>IEEE 754 double precision.</summary>
    Fp64,
}
