using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;

namespace EdgeAi.Models.Tests.Onnx;

/// <summary>Each structural defect is named in the message; a valid model passes.</summary>
public sealed class OnnxModelValidatorTests
{
    [Fact]
    public void Validate_ValidModel_Passes() => OnnxModelValidator.Validate(TestModels.Relu());

    [Fact]
    public void Validate_NoGraph_Throws() => AssertInvalid(m => m.Graph = null, "no graph");

    [Fact]
    public void Validate_NoIrVersion_Throws() => AssertInvalid(m => m.ClearIrVersion(), "IR version");

    [Fact]
    public void Validate_NoDefaultOpset_Throws() => AssertInvalid(m => m.OpsetImport.Clear(), "opset");

    [Fact]
    public void Validate_NodeReadsUndefinedValue_ThrowsNamingNodeAndInput() =>
        AssertInvalid(m => m.Graph.Node[0].Input[0] = "nowhere", "input 'nowhere'");

    [Fact]
    public void Validate_NodesOutOfOrder_Throws() =>
        AssertInvalid(
            m => m.Graph.Node.Insert(0, new NodeProto { OpType = "Relu", Name = "early", Input = { "y" }, Output = { "z" } }),
            "topological order");

    [Fact]
    public void Validate_ValueDefinedTwice_Throws() =>
        AssertInvalid(m => m.Graph.Node.Add(new NodeProto { OpType = "Relu", Input = { "x" }, Output = { "y" } }), "defined twice");

    [Fact]
    public void Validate_MissingOpType_Throws() => AssertInvalid(m => m.Graph.Node[0].OpType = "", "no op_type");

    [Fact]
    public void Validate_GraphOutputNotProduced_Throws() => AssertInvalid(m => m.Graph.Output[0].Name = "ghost", "'ghost'");

    [Fact]
    public void Validate_RawDataWrongLength_ThrowsWithSizes() =>
        AssertInvalid(m => m.Graph.Initializer[0].RawData = ByteString.CopyFrom(new byte[3]), "raw_data holds 3 bytes but 4 elements of Int8 need 4");

    [Fact]
    public void Validate_TypedDataWrongCount_Throws() =>
        AssertInvalid(
            m => m.Graph.Initializer.Add(new TensorProto { Name = "f", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3 }, FloatData = { 1f, 2f } }),
            "float_data holds 2 values but 3 elements");

    [Fact]
    public void Validate_ExternalData_ThrowsNotSupported() =>
        AssertInvalid(m => m.Graph.Initializer[0].DataLocation = TensorProto.Types.DataLocation.External, "external tensor data");

    [Fact]
    public void Validate_NegativeDimension_Throws() => AssertInvalid(m => m.Graph.Initializer[0].Dims[0] = -2, "negative dimension");

    [Fact]
    public void Validate_UndefinedDataType_Throws() => AssertInvalid(m => m.Graph.Initializer[0].DataType = 0, "data type 0");

    private static void AssertInvalid(Action<ModelProto> breakIt, string expectedInMessage)
    {
        ModelProto model = TestModels.Relu();
        breakIt(model);
        var error = Assert.Throws<InvalidDataException>(() => OnnxModelValidator.Validate(model));
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }
}
