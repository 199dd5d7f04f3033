using System.Text.Json;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf.Collections;

namespace EdgeAi.Models.Tests.Onnx;

/// <summary>Models written by Python's onnx package read back with the same content onnx itself sees.</summary>
public sealed class OnnxModelReaderTests
{
    [Theory]
    [MemberData(nameof(OnnxFixtures.Files), MemberType = typeof(OnnxFixtures))]
    public void ReadFile_Fixture_MatchesWhatPythonOnnxReads(string file)
    {
        JsonElement expected = OnnxFixtures.Get(file);
        ModelProto model = OnnxModelReader.ReadFile(OnnxFixtures.PathOf(file), OnnxFixtures.Sha256Of(file));

        Assert.Equal(expected.GetProperty("ir_version").GetInt64(), model.IrVersion);
        Assert.Equal(expected.GetProperty("producer_name").GetString(), model.ProducerName);
        Assert.Equal(expected.GetProperty("doc_string").GetString(), model.DocString);
        Assert.Equal(
            expected.GetProperty("opsets").EnumerateArray().Select(o => (o.GetProperty("domain").GetString(), o.GetProperty("version").GetInt64())),
            model.OpsetImport.Select(o => ((string?)o.Domain, o.Version)));
        Assert.Equal(
            expected.GetProperty("metadata").EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            model.MetadataProps.Select(p => (p.Key, (string?)p.Value)));
        Assert.Equal(expected.GetProperty("graph_name").GetString(), model.Graph.Name);
        AssertValueInfos(expected.GetProperty("inputs"), model.Graph.Input);
        AssertValueInfos(expected.GetProperty("outputs"), model.Graph.Output);
        AssertInitializers(expected.GetProperty("initializers"), model.Graph.Initializer);
        AssertNodes(expected.GetProperty("nodes"), model.Graph.Node);
    }

    [Theory]
    [MemberData(nameof(OnnxFixtures.Files), MemberType = typeof(OnnxFixtures))]
    public void Read_ThenWrite_ReproducesPythonsBytesExactly(string file)
    {
        byte[] original = File.ReadAllBytes(OnnxFixtures.PathOf(file));
        ModelProto model = OnnxModelReader.Read(original, OnnxFixtures.Sha256Of(file));
        Assert.Equal(original, OnnxModelWriter.ToBytes(model));
    }

    [Fact]
    public void Read_WrongDigest_ThrowsNamingBothDigests()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("qdq_mlp.onnx"));
        string wrong = new('0', 64);
        var error = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(bytes, wrong));
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxFixtures.Sha256Of("qdq_mlp.onnx"), error.Message, StringComparison.Ordinal);
    }

    /// <summary>One flipped byte anywhere (here in the middle of the weights) is caught before parsing.</summary>
    [Fact]
    public void Read_TamperedByte_RejectedByDigest()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("matmul_integer.onnx"));
        bytes[bytes.Length / 2] ^= 0x01;
        Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(bytes, OnnxFixtures.Sha256Of("matmul_integer.onnx")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz05ad28d06a7da8651f0f2693bb36ec82f6856b1e6d1e0a0f6278e768bd2446")]
    public void Read_MalformedDigest_ThrowsArgumentException(string digest) =>
        Assert.Throws<ArgumentException>(() => OnnxModelReader.Read([1, 2, 3], digest));

    [Fact]
    public void Read_DigestInUpperCase_Accepted()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("qlinear_matmul.onnx"));
        Assert.NotNull(OnnxModelReader.Read(bytes, OnnxFixtures.Sha256Of("qlinear_matmul.onnx").ToUpperInvariant()).Graph);
    }

    [Fact]
    public void Read_NotProtobuf_ThrowsInvalidData()
    {
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02];
        var error = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(garbage, ModelDigest.Sha256Hex(garbage)));
        Assert.Contains("does not parse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedModel_ThrowsInvalidData()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("qdq_mlp.onnx"))[..^7];
        Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(bytes, ModelDigest.Sha256Hex(bytes)));
    }

    [Fact]
    public void ReadFile_WrongDigest_MessageNamesTheFile()
    {
        string path = OnnxFixtures.PathOf("matmul_integer.onnx");
        var error = Assert.Throws<InvalidDataException>(() => OnnxModelReader.ReadFile(path, new string('a', 64)));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static void AssertValueInfos(JsonElement expected, RepeatedField<ValueInfoProto> actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        foreach ((JsonElement e, ValueInfoProto a) in expected.EnumerateArray().Zip(actual))
        {
            Assert.Equal(e.GetProperty("name").GetString(), a.Name);
            Assert.Equal(e.GetProperty("elem_type").GetInt32(), a.Type.TensorType.ElemType);
            Assert.Equal(
                e.GetProperty("dims").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                a.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static void AssertInitializers(JsonElement expected, RepeatedField<TensorProto> actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        foreach ((JsonElement e, TensorProto a) in expected.EnumerateArray().Zip(actual))
        {
            Assert.Equal(e.GetProperty("name").GetString(), a.Name);
            Assert.Equal(e.GetProperty("data_type").GetInt32(), a.DataType);
            Assert.Equal(e.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()), a.Dims);
            Assert.Equal(e.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()), TensorValues.AsDoubles(a));
        }
    }

    private static void AssertNodes(JsonElement expected, RepeatedField<NodeProto> actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        foreach ((JsonElement e, NodeProto a) in expected.EnumerateArray().Zip(actual))
        {
            Assert.Equal(e.GetProperty("name").GetString(), a.Name);
            Assert.Equal(e.GetProperty("op_type").GetString(), a.OpType);
            Assert.Equal(e.GetProperty("inputs").EnumerateArray().Select(v => v.GetString()), a.Input);
            Assert.Equal(e.GetProperty("outputs").EnumerateArray().Select(v => v.GetString()), a.Output);
            var attributes = e.GetProperty("attributes").EnumerateObject().ToList();
            Assert.Equal(attributes.Select(p => p.Name), a.Attribute.Select(x => x.Name));
            foreach ((JsonProperty p, AttributeProto x) in attributes.Zip(a.Attribute))
            {
                Assert.Equal(p.Value.GetProperty("type").GetInt32(), (int)x.Type);
                AssertAttributeValue(p.Value.GetProperty("value"), x);
            }
        }
    }

    private static void AssertAttributeValue(JsonElement expected, AttributeProto actual)
    {
        switch (actual.Type)
        {
            case AttributeProto.Types.AttributeType.Int:
                Assert.Equal(expected.GetInt64(), actual.I);
                break;
            case AttributeProto.Types.AttributeType.Float:
                Assert.Equal((float)expected.GetDouble(), actual.F);
                break;
            case AttributeProto.Types.AttributeType.String:
                Assert.Equal(expected.GetString(), actual.S.ToStringUtf8());
                break;
            case AttributeProto.Types.AttributeType.Ints:
                Assert.Equal(expected.EnumerateArray().Select(v => v.GetInt64()), actual.Ints);
                break;
            case AttributeProto.Types.AttributeType.Tensor:
                Assert.Equal(expected.GetProperty("name").GetString(), actual.T.Name);
                Assert.Equal(expected.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()), actual.T.Dims);
                Assert.Equal(expected.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()), TensorValues.AsDoubles(actual.T));
                break;
            default:
                Assert.Fail($"fixture uses attribute type {actual.Type}, which this test does not compare yet");
                break;
        }
    }
}
