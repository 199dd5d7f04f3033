using System.Security.Cryptography;

namespace EdgeAi.Models.Onnx;

/// <summary>SHA-256 digests of model bytes, as lowercase hex (the form <c>sha256sum</c> prints).</summary>
public static class ModelDigest
{
    /// <summary>The SHA-256 of <paramref name="bytes"/> as 64 lowercase hex digits.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Throws unless <paramref name="bytes"/> hash to <paramref name="expectedSha256"/> (hex, any case).</summary>
    /// <exception cref="ArgumentException"><paramref name="expectedSha256"/> is not 64 hex digits.</exception>
    /// <exception cref="InvalidDataException">The digest differs.</exception>
    public static void Verify(ReadOnlySpan<byte> bytes, string expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(expectedSha256);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (expectedSha256.Length != 2 * SHA256.HashSizeInBytes
            || Convert.FromHexString(expectedSha256, expected, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new ArgumentException($"Expected a SHA-256 digest as 64 hex digits, got '{expectedSha256}'.", nameof(expectedSha256));
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, actual);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new InvalidDataException(
                $"Model digest mismatch: expected sha256 {expectedSha256.ToLowerInvariant()}, the {bytes.Length} bytes hash to {Convert.ToHexStringLower(actual)}.");
        }
    }
}
