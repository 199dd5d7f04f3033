using EdgeAi.Cloud.Service.Protocol;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeAi.Cloud.Service.Inference;

/// <summary>Maps between the protocol's datatypes and ONNX Runtime's element types.</summary>
internal static class OrtTypeMapping
{
    /// <summary>The ONNX Runtime element type of <paramref name="type"/>.</summary>
    public static TensorElementType ToOrt(TensorDataType type) => type switch
    {
        TensorDataType.Bool => TensorElementType.Bool,
        TensorDataType.UInt8 => TensorElementType.UInt8,
        TensorDataType.UInt16 => TensorElementType.UInt16,
        TensorDataType.UInt32 => TensorElementType.UInt32,
        TensorDataType.UInt64 => TensorElementType.UInt64,
        TensorDataType.Int8 => TensorElementType.Int8,
        TensorDataType.Int16 => TensorElementType.Int16,
        TensorDataType.Int32 => TensorElementType.Int32,
        TensorDataType.Int64 => TensorElementType.Int64,
        TensorDataType.Fp32 => TensorElementType.Float,
        TensorDataType.Fp64 => TensorElementType.Double,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown datatype"),
    };

    /// <summary>The protocol datatype of an ONNX Runtime element type, or null when the service cannot carry it.</summary>
    public static TensorDataType? FromOrt(TensorElementType type) => type switch
    {
        TensorElementType.Bool => TensorDataType.Bool,
        TensorElementType.UInt8 => TensorDataType.UInt8,
        TensorElementType.UInt16 => TensorDataType.UInt16,
        TensorElementType.UInt32 => TensorDataType.UInt32,
        TensorElementType.UInt64 => TensorDataType.UInt64,
        TensorElementType.Int8 => TensorDataType.Int8,
        TensorElementType.Int16 => TensorDataType.Int16,
        TensorElementType.Int32 => TensorDataType.Int32,
        TensorElementType.Int64 => TensorDataType.Int64,
        TensorElementType.Float => TensorDataType.Fp32,
        TensorElementType.Double => TensorDataType.Fp64,
        _ => null,
    };
}
