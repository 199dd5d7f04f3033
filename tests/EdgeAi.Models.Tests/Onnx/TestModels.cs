using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;

namespace EdgeAi.Models.Tests.Onnx;

/// <summary>Small models built in C#, for the validator and writer tests.</summary>
public static class TestModels
{
    /// <summary>x (float [2, 2]) -> Relu -> y, with one unused int8 initializer "w" of 4 raw bytes.</summary>
    public static ModelProto Relu() => new()
    {
        IrVersion = 8,
        ProducerName = "edgeai-tests",
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 } },
        Graph = new GraphProto
        {
            Name = "relu",
            Input = { Tensor("x", TensorProto.Types.DataType.Float, 2, 2) },
            Output = { Tensor("y", TensorProto.Types.DataType.Float, 2, 2) },
            Initializer =
            {
                new TensorProto
                {
                    Name = "w",
                    DataType = (int)TensorProto.Types.DataType.Int8,
                    Dims = { 2, 2 },
                    RawData = ByteString.CopyFrom(1, 2, 3, 0xFF),
                },
            },
            Node = { new NodeProto { Name = "relu", OpType = "Relu", Input = { "x" }, Output = { "y" } } },
        },
    };

    private static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
