using EdgeAi.Cloud.Service.Repository.TextFormat;

namespace EdgeAi.Cloud.Service.Tests.Unit;

public sealed class PbtxtParserTests
{
    [Fact]
    public void Parse_TritonStyleConfig_ReadsScalarsMessagesAndLists()
    {
        var message = PbtxtParser.Parse("""
            # comment
            name: "m"  platform: 'onnxruntime_onnx'
            max_batch_size: 8
            input [ { name: "a", dims: [ 1, -1 ] }, { name: "b" dims: 3 dims: 4 } ]
            output < name: "y"; data_type: TYPE_FP32 >
            dynamic_batching { }
            """);

        Assert.Equal(["name", "platform", "max_batch_size", "input", "input", "output", "dynamic_batching"], message.Fields.Select(f => f.Name));
        Assert.Equal("onnxruntime_onnx", message.Fields[1].Scalar!.Text);
        Assert.Equal(PbtxtScalarKind.Number, message.Fields[2].Scalar!.Kind);
        var inputs = message.All("input").ToList();
        Assert.Equal(["1", "-1"], inputs[0].Message!.All("dims").Select(d => d.Scalar!.Text));
        Assert.Equal(["3", "4"], inputs[1].Message!.All("dims").Select(d => d.Scalar!.Text));
        Assert.Equal(PbtxtScalarKind.Identifier, message.Fields[5].Message!.Fields[1].Scalar!.Kind);
        Assert.Empty(message.Fields[6].Message!.Fields);
        Assert.Equal(4, inputs[0].Line);
    }

    [Fact]
    public void Parse_StringEscapes_AreUnescaped()
    {
        var message = PbtxtParser.Parse("""name: "a\"b\\c" """);
        Assert.Equal("a\"b\\c", message.Fields[0].Scalar!.Text);
    }

    [Theory]
    [InlineData("name: \"unterminated", "line 1: unterminated string")]
    [InlineData("input {\n name: \"a\"\n", "line 3: expected '}'")]
    [InlineData("\n\nname \"x\"", "line 3: expected ':' or '{'")]
    [InlineData("dims: [1, 2", "line 1: expected ',' or ']'")]
    [InlineData("dims: ", "expected a value")]
    [InlineData("}", "expected a field name")]
    public void Parse_Malformed_ThrowsNamingTheLine(string text, string message)
    {
        var e = Assert.Throws<PbtxtFormatException>(() => PbtxtParser.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
