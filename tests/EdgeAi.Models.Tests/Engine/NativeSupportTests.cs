using EdgeAi.Models.Engine;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;
using Google.Protobuf;

namespace EdgeAi.Models.Tests.Engine;

public sealed class NativeSupportTests
{
    [Theory]
    [MemberData(nameof(EngineFixtures.Supported), MemberType = typeof(EngineFixtures))]
    public void Check_SupportedFixture_IsSupported(string file)
    {
        NativeSupportResult result = NativeSupport.Check(EngineFixtures.Load(file));
        Assert.True(result.IsSupported, result.ToString());
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Check_ModelWithErf_NamesTheNodeAndOp()
    {
        NativeSupportResult result = NativeSupport.Check(EngineFixtures.Load("unsupported_erf.onnx"));
        Assert.False(result.IsSupported);
        NativeSupportProblem problem = Assert.Single(result.Problems);
        Assert.Equal("gelu_erf", problem.NodeName);
        Assert.Equal("Erf", problem.OpType);
        Assert.Equal(string.Empty, problem.Domain);
        Assert.Contains("operator Erf is not supported", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ModelWithErf_ThrowsNotSupportedWithTheProblem()
    {
        var e = Assert.Throws<NativeModelNotSupportedException>(() => NativeRunner.Create(EngineFixtures.Load("unsupported_erf.onnx")));
        Assert.IsAssignableFrom<NotSupportedException>(e);
        Assert.Contains("node 'gelu_erf' (Erf): operator Erf is not supported", e.Message, StringComparison.Ordinal);
        Assert.Equal("Erf", Assert.Single(e.Problems).OpType);
    }

    [Fact]
    public void Check_FloatMatMulOutsideQdq_IsAProblem()
    {
        ModelProto model = EngineFixtures.Load("qdq_mlp_softmax.onnx");
        // Feed the first Gemm a float input directly: no DequantizeLinear on the activation any more.
        NodeProto gemm = model.Graph.Node.First(n => n.OpType == "Gemm");
        gemm.Input[0] = "x";
        NativeSupportResult result = NativeSupport.Check(model);
        NativeSupportProblem problem = Assert.Single(result.Problems, p => p.OpType == "Gemm");
        Assert.Contains("not inside a QDQ pattern", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OtherDomain_IsAProblem()
    {
        ModelProto model = EngineFixtures.Load("qop_bytes.onnx");
        model.Graph.Node[0].Domain = "com.microsoft";
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        NativeSupportProblem problem = Assert.Single(NativeSupport.Check(model).Problems);
        Assert.Equal("com.microsoft", problem.Domain);
        Assert.Contains("domain", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnsupportedAttributeValue_NamesIt()
    {
        ModelProto model = EngineFixtures.Load("qdq_mlp_softmax.onnx");
        NodeProto gemm = model.Graph.Node.First(n => n.OpType == "Gemm");
        gemm.Attribute.Add(new AttributeProto { Name = "alpha", F = 2f, Type = AttributeProto.Types.AttributeType.Float });
        NativeSupportProblem problem = Assert.Single(NativeSupport.Check(model).Problems);
        Assert.Equal("Gemm", problem.OpType);
        Assert.Contains("alpha", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WrongInitializerSize_ThrowsInvalidData()
    {
        ModelProto model = EngineFixtures.Load("qop_matmul_u8.onnx");
        TensorProto b = model.Graph.Initializer.First(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 2);
        b.RawData = ByteString.CopyFrom(b.RawData.Span[..^3]);
        var e = Assert.Throws<InvalidDataException>(() => NativeRunner.Create(model));
        Assert.Contains(b.Name, e.Message, StringComparison.Ordinal);
        Assert.False(NativeSupport.Check(model).IsSupported);
    }

    [Fact]
    public void Create_BadTransposePerm_ThrowsInvalidDataNamingTheNode()
    {
        ModelProto model = EngineFixtures.Load("qop_bytes.onnx");
        NodeProto transpose = model.Graph.Node.First(n => n.OpType == "Transpose");
        transpose.Attribute[0].Ints[0] = 5;
        var e = Assert.Throws<InvalidDataException>(() => NativeRunner.Create(model));
        Assert.Contains(transpose.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("perm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadReshape_ThrowsInvalidData()
    {
        ModelProto model = EngineFixtures.Load("qop_bytes.onnx");
        NodeProto reshape = model.Graph.Node.First(n => n.OpType == "Reshape");
        TensorProto shape = model.Graph.Initializer.First(t => t.Name == reshape.Input[1]);
        shape.RawData = ByteString.CopyFrom(BitConverter.GetBytes(1L).Concat(BitConverter.GetBytes(7L)).Concat(BitConverter.GetBytes(5L)).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => NativeRunner.Create(model));
        Assert.Contains("reshape", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_InputShapeOfWrongRank_ThrowsArgumentException()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["x"] = [2, 16, 1];
        var e = Assert.Throws<ArgumentException>(() => NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"), options));
        Assert.Contains("rank", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InputShapeContradictingFixedDim_ThrowsArgumentException()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["x"] = [2, 15];
        Assert.Throws<ArgumentException>(() => NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"), options));
    }

    [Fact]
    public void Create_UnknownInputName_ThrowsArgumentException()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["nope"] = [1];
        Assert.Throws<ArgumentException>(() => NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"), options));
    }

    [Fact]
    public void Create_WeightOfMinus128_IsUnsupportedNotACrash()
    {
        ModelProto model = EngineFixtures.Load("qop_matmul_u8.onnx");
        TensorProto b = model.Graph.Initializer.First(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 2);
        byte[] raw = b.RawData.ToByteArray();
        raw[0] = 0x80;
        b.RawData = ByteString.CopyFrom(raw);
        var e = Assert.Throws<NativeModelNotSupportedException>(() => NativeRunner.Create(model));
        Assert.Contains("-128", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ClearsOnlyWhatItOwns_OutputsAreRunnerTensors()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("quantize_dequantize.onnx"));
        Assert.Equal(3, runner.Outputs.Count);
        Assert.Equal(TensorElementType.Int8, runner.Outputs[0].ElementType);
        Assert.Equal(TensorElementType.UInt8, runner.Outputs[1].ElementType);
        Assert.Equal(TensorElementType.Float32, runner.Outputs[2].ElementType);
    }
}
