using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;

namespace EdgeAi.Models.Onnx;

/// <summary>
/// Reads ONNX models from verified bytes: the SHA-256 of the exact bytes is checked first, and those same bytes
/// (never a second read of the file) are parsed and then validated by <see cref="OnnxModelValidator"/>.
/// </summary>
public static class OnnxModelReader
{
    /// <summary>Largest model file accepted (protobuf messages are limited to 2 GiB; edge models are far smaller).</summary>
    public const long MaxModelBytes = 512L * 1024 * 1024;

    /// <summary>Verifies <paramref name="bytes"/> against <paramref name="expectedSha256"/>, then parses and validates them.</summary>
    /// <exception cref="ArgumentException"><paramref name="expectedSha256"/> is not 64 hex digits.</exception>
    /// <exception cref="InvalidDataException">Digest mismatch, not an ONNX protobuf, or an invalid model (the message says which).</exception>
    public static ModelProto Read(ReadOnlySpan<byte> bytes, string expectedSha256)
    {
        ModelDigest.Verify(bytes, expectedSha256);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"Not a valid ONNX model: the protobuf does not parse ({e.Message}).", e);
        }

        OnnxModelValidator.Validate(model);
        return model;
    }

    /// <summary>Reads the file once into memory, verifies those bytes against <paramref name="expectedSha256"/> and parses them.</summary>
    /// <exception cref="ArgumentException"><paramref name="expectedSha256"/> is not 64 hex digits.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Too large, digest mismatch, or not a valid ONNX model.</exception>
    public static ModelProto ReadFile(string path, string expectedSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxModelBytes)
        {
            throw new InvalidDataException($"{path}: {stream.Length} bytes is larger than the {MaxModelBytes}-byte model limit.");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        try
        {
            return Read(bytes, expectedSha256);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
