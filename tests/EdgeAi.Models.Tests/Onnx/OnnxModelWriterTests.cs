using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Tests.Onnx;

public sealed class OnnxModelWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WriteFile_ThenReadFile_WithReturnedDigest_GivesEqualModel()
    {
        ModelProto model = TestModels.Relu();
        string path = Path.Combine(_directory, "relu.onnx");

        string digest = OnnxModelWriter.WriteFile(model, path);

        Assert.Equal(ModelDigest.Sha256Hex(File.ReadAllBytes(path)), digest);
        Assert.Equal(model, OnnxModelReader.ReadFile(path, digest));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteFile_InvalidModel_ThrowsAndWritesNothing()
    {
        ModelProto model = TestModels.Relu();
        model.Graph.Node[0].Input[0] = "missing";
        string path = Path.Combine(_directory, "bad.onnx");

        Assert.Throws<InvalidDataException>(() => OnnxModelWriter.WriteFile(model, path));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteFile_ExistingFile_ReplacedWhole()
    {
        string path = Path.Combine(_directory, "model.onnx");
        File.WriteAllBytes(path, new byte[10_000]);

        string digest = OnnxModelWriter.WriteFile(TestModels.Relu(), path);

        Assert.Equal(TestModels.Relu(), OnnxModelReader.ReadFile(path, digest));
    }

    /// <summary>Fields our subset leaves out (here onnx.proto's ModelProto.functions, 25) survive a read/write unchanged.</summary>
    [Fact]
    public void ToBytes_UnknownFields_PreservedThroughRoundTrip()
    {
        byte[] known = OnnxModelWriter.ToBytes(TestModels.Relu());
        byte[] unknownField = [0xCA, 0x01, 3, 0x0A, 0x01, 0x66]; // tag (25 << 3) | 2 as a varint, length 3: FunctionProto{name:"f"}
        byte[] bytes = [.. known, .. unknownField];

        ModelProto model = OnnxModelReader.Read(bytes, ModelDigest.Sha256Hex(bytes));

        Assert.Equal(bytes, OnnxModelWriter.ToBytes(model));
    }
}
