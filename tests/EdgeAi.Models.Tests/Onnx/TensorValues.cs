using System.Buffers.Binary;
using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Tests.Onnx;

/// <summary>Test-side decoding of a tensor's numbers (raw little-endian bytes or the typed fields) as doubles.</summary>
public static class TensorValues
{
    public static double[] AsDoubles(TensorProto t)
    {
        var type = (DataType)t.DataType;
        if (!t.HasRawData)
        {
            return type switch
            {
                DataType.Float => t.FloatData.Select(v => (double)v).ToArray(),
                DataType.Int64 => t.Int64Data.Select(v => (double)v).ToArray(),
                DataType.Double => t.DoubleData.ToArray(),
                _ => t.Int32Data.Select(v => (double)v).ToArray(),
            };
        }

        ReadOnlySpan<byte> raw = t.RawData.Span;
        return type switch
        {
            DataType.Uint8 => raw.ToArray().Select(v => (double)v).ToArray(),
            DataType.Int8 => raw.ToArray().Select(v => (double)(sbyte)v).ToArray(),
            DataType.Int32 => Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadInt32LittleEndian(t.RawData.Span[(4 * i)..])).ToArray(),
            DataType.Int64 => Enumerable.Range(0, raw.Length / 8).Select(i => (double)BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span[(8 * i)..])).ToArray(),
            DataType.Float => Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(t.RawData.Span[(4 * i)..])).ToArray(),
            _ => throw new NotSupportedException($"test decoder lacks {type}"),
        };
    }
}
