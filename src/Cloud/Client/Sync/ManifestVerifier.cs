using System.Security.Cryptography;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>Checks <c>manifest.sig</c> against the manifest's exact bytes with the public key from the node configuration. Thread-safe.</summary>
public sealed class ManifestVerifier : IDisposable
{
    private readonly ECDsa _key;

    /// <summary>Creates the verifier; throws <see cref="CryptographicException"/> unless <paramref name="publicKeyPem"/> is a P-256 key.</summary>
    public ManifestVerifier(string publicKeyPem)
    {
        _key = ManifestKeys.Import(publicKeyPem, "public key");
    }

    /// <summary>True when <paramref name="signature"/> (base64 DER, as in <c>manifest.sig</c>) signs <paramref name="manifestBytes"/>; false for null, malformed or wrong.</summary>
    public bool Verify(ReadOnlySpan<byte> manifestBytes, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        lock (_key)
        {
            return _key.VerifyData(manifestBytes, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
