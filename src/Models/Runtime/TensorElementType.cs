namespace EdgeAi.Models.Runtime;

#pragma warning disable CA1720 // The members are named after the element types they stand for, as in ONNX.

/// <summary>Element types a runner's inputs and outputs can have (the ONNX <c>TensorProto.DataType</c> subset we run).</summary>
public enum TensorElementType
{
    /// <summary>32-bit IEEE float (ONNX FLOAT = 1, OIP FP32).</summary>
    Float32 = 1,

    /// <summary>Unsigned 8-bit integer (ONNX UINT8 = 2, OIP UINT8).</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer (ONNX INT8 = 3, OIP INT8).</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer (ONNX INT32 = 6, OIP INT32).</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (ONNX INT64 = 7, OIP INT64).</summary>
    Int64 = 7,

    /// <summary>Boolean, one byte per element (ONNX BOOL = 9, OIP BOOL).</summary>
    Bool = 9,
}

#pragma warning restore CA1720

/// <summary>Facts about <see cref="TensorElementType"/>.</summary>
public static class TensorElementTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 => 4,
        TensorElementType.Int64 => 8,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };

    /// <summary>The element type of an ONNX <c>TensorProto.DataType</c> value, or null when we do not run it.</summary>
    public static TensorElementType? FromOnnx(int dataType) =>
        Enum.IsDefined(typeof(TensorElementType), dataType) ? (TensorElementType)dataType : null;

    /// <summary>The Open Inference Protocol datatype name (FP32, UINT8, INT8, INT32, INT64, BOOL).</summary>
    public static string ToOip(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "FP32",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };

    /// <summary>The element type of an Open Inference Protocol datatype name, or null when we do not run it.</summary>
    public static TensorElementType? FromOip(string datatype) => datatype switch
    {
        "FP32" => TensorElementType.Float32,
        "UINT8" => TensorElementType.UInt8,
        "INT8" => TensorElementType.Int8,
        "INT32" => TensorElementType.Int32,
        "INT64" => TensorElementType.Int64,
        "BOOL" => TensorElementType.Bool,
        _ => null,
    };
}
