using System.Runtime.InteropServices;
using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Onnx;

/// <summary>Builds the ONNX messages the trainer and the quantizer emit (little-endian raw_data tensors, opset 13 nodes).</summary>
internal static class OnnxProtoFactory
{
    /// <summary>The IR version written (ONNX 1.8+, opset 13 era; read by ONNX Runtime and python-onnx 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset written.</summary>
    public const long Opset = 13;

    public static ModelProto Model(GraphProto graph, string producer) => new()
    {
        IrVersion = IrVersion,
        ProducerName = producer,
        ProducerVersion = "1",
        OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = Opset } },
        Graph = graph,
    };

    public static TensorProto Float(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values) =>
        Raw(name, DataType.Float, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto Int8(string name, ReadOnlySpan<long> dims, ReadOnlySpan<sbyte> values) =>
        Raw(name, DataType.Int8, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto UInt8(string name, ReadOnlySpan<long> dims, ReadOnlySpan<byte> values) =>
        Raw(name, DataType.Uint8, dims, values);

    public static TensorProto Int32(string name, ReadOnlySpan<long> dims, ReadOnlySpan<int> values) =>
        Raw(name, DataType.Int32, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto Int64(string name, ReadOnlySpan<long> dims, ReadOnlySpan<long> values) =>
        Raw(name, DataType.Int64, dims, MemoryMarshal.AsBytes(values));

    public static NodeProto Node(string opType, string name, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    /// <summary>A tensor value info; a null dimension is written as the symbolic <paramref name="symbol"/>.</summary>
    public static ValueInfoProto ValueInfo(string name, DataType type, IEnumerable<long?> dims, string symbol = "N")
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
        {
            shape.Dim.Add(d is long value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = symbol });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static TensorProto Raw(string name, DataType type, ReadOnlySpan<long> dims, ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        foreach (long d in dims)
        {
            tensor.Dims.Add(d);
        }

        return tensor;
    }
}
