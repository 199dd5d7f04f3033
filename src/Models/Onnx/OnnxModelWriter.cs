using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;

namespace EdgeAi.Models.Onnx;

/// <summary>Writes ONNX models (validated first) and reports the SHA-256 a reader must be given.</summary>
public static class OnnxModelWriter
{
    /// <summary>Serializes <paramref name="model"/> after validating it.</summary>
    /// <exception cref="InvalidDataException">The model is invalid (the message says why).</exception>
    public static byte[] ToBytes(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        OnnxModelValidator.Validate(model);
        return model.ToByteArray();
    }

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> through a temporary file and a rename, so a reader
    /// never sees a half-written model, and returns the file's SHA-256 (lowercase hex).
    /// </summary>
    /// <exception cref="InvalidDataException">The model is invalid; nothing is written.</exception>
    public static string WriteFile(ModelProto model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(model);
        string temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return ModelDigest.Sha256Hex(bytes);
    }
}
