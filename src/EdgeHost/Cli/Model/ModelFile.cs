using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>A model file read once: its bytes, their SHA-256 (checked against <c>--sha256</c> when given) and the parsed model.</summary>
internal sealed record ModelFile(string Path, byte[] Bytes, string Sha256, ModelProto Model)
{
    /// <summary>Reads and verifies <paramref name="path"/>; without <paramref name="expectedSha256"/> the digest of the bytes read is used (and printed by the caller).</summary>
    /// <exception cref="InvalidDataException">Digest mismatch, too large, or not a valid ONNX model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelFile Read(string path, string? expectedSha256)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        if (info.Length > OnnxModelReader.MaxModelBytes)
        {
            throw new InvalidDataException($"{path}: {info.Length} bytes is larger than the {OnnxModelReader.MaxModelBytes}-byte model limit.");
        }

        var bytes = File.ReadAllBytes(path);
        var sha256 = expectedSha256 ?? ModelDigest.Sha256Hex(bytes);
        try
        {
            return new ModelFile(path, bytes, sha256.ToLowerInvariant(), OnnxModelReader.Read(bytes, sha256));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
