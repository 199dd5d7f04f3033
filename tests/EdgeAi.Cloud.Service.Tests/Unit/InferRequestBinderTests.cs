using System.Text;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Tests.Unit;

/// <summary>Decoding and checking requests without a process: the little-endian layout and the nesting rules.</summary>
public sealed class InferRequestBinderTests
{
    private static readonly ModelConfig Batched = ModelConfigReader.Read("m", """
        max_batch_size: 4
        input { name: "x" data_type: TYPE_INT16 dims: [ 2, 3 ] }
        output { name: "y" data_type: TYPE_INT16 dims: [ 2, 3 ] }
        """);

    private static BoundInferRequest Bind(string json, ModelConfig config)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return InferRequestBinder.Bind(InferRequestParser.Parse(bytes), bytes, ReadOnlyMemory<byte>.Empty, config);
    }

    private static string Request(string shape, string data) =>
        $$"""{"inputs": [{"name": "x", "datatype": "INT16", "shape": {{shape}}, "data": {{data}}}]}""";

    [Fact]
    public void Bind_NestedToFullDepth_PacksRowMajorLittleEndian()
    {
        var bound = Bind(Request("[1, 2, 3]", "[[[1, 2, 3], [-1, 256, 32767]]]"), Batched);
        var tensor = Assert.Single(bound.Inputs);
        Assert.Equal([1L, 2L, 3L], tensor.Shape);
        Assert.Equal(new byte[] { 1, 0, 2, 0, 3, 0, 0xFF, 0xFF, 0, 1, 0xFF, 0x7F }, tensor.Data.ToArray());
    }

    [Fact]
    public void Bind_FlatAndNested_GiveTheSameBytes()
    {
        var flat = Bind(Request("[2, 2, 3]", "[1,2,3,4,5,6,7,8,9,10,11,12]"), Batched);
        var nested = Bind(Request("[2, 2, 3]", "[[[1,2,3],[4,5,6]],[[7,8,9],[10,11,12]]]"), Batched);
        Assert.Equal(flat.Inputs[0].Data.ToArray(), nested.Inputs[0].Data.ToArray());
    }

    [Theory]
    [InlineData("[1, 2, 3]", "[[1, 2, 3], [4, 5, 6]]", "nested differently")]
    [InlineData("[1, 2, 3]", "[[[1, 2], [3, 4], [5, 6]]]", "nested differently")]
    [InlineData("[1, 2, 3]", "[[[[1, 2, 3], [4, 5, 6]]]]", "deeper than the shape")]
    [InlineData("[1, 2, 3]", "[1, 2, 3, 4, 5]", "needs 6 elements")]
    [InlineData("[1, 2, 3]", "[1, 2, 3, 4, 5, 6, 7]", "more elements")]
    [InlineData("[1, 2, 3]", "[1, 2, 3, 4, 5, 32768]", "integers in -32768..32767")]
    [InlineData("[5, 2, 3]", "[]", "batch size 5 is outside 1..4")]
    [InlineData("[1, 3, 2]", "[1, 2, 3, 4, 5, 6]", "does not match")]
    public void Bind_Invalid_Throws400WithReason(string shape, string data, string reason)
    {
        var e = Assert.Throws<ProtocolException>(() => Bind(Request(shape, data), Batched));
        Assert.Equal(400, e.StatusCode);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ShapeOverflowingMemory_Throws400()
    {
        var variable = ModelConfigReader.Read("m", """
            input { name: "x" data_type: TYPE_INT16 dims: [ -1, -1 ] }
            output { name: "y" data_type: TYPE_INT16 dims: [ -1, -1 ] }
            """);
        var e = Assert.Throws<ProtocolException>(() => Bind(Request("[4294967296, 4294967296]", "[]"), variable));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NoOutputsRequested_SelectsAllConfiguredOutputs()
    {
        var bound = Bind(Request("[1, 2, 3]", "[1, 2, 3, 4, 5, 6]"), Batched);
        Assert.Equal(["y"], bound.Outputs.Select(o => o.Name));
        Assert.All(bound.Outputs, o => Assert.False(o.Binary));
    }
}
