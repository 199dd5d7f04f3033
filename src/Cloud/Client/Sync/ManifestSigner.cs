using System.Security.Cryptography;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>
/// The operator's side of signed model manifests (behind <c>edgeai model sign</c>). The signature is ECDSA
/// P-256 with SHA-256 over the exact bytes of <c>manifest.json</c>, DER-encoded (RFC 3279) and written
/// base64 to <c>manifest.sig</c> — the same bytes <c>openssl dgst -sha256 -sign key.pem manifest.json | base64 -w0</c> verifies.
/// </summary>
public static class ManifestSigner
{
    /// <summary>Creates a new P-256 key pair.</summary>
    public static ManifestKeyPair CreateKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ManifestKeyPair(key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Signs <paramref name="manifestBytes"/> (the file's exact bytes) with <paramref name="privateKeyPem"/>.</summary>
    /// <returns>The base64 text to store as <c>manifest.sig</c>.</returns>
    public static string Sign(ReadOnlySpan<byte> manifestBytes, string privateKeyPem)
    {
        using var key = ManifestKeys.Import(privateKeyPem, "private key");
        return Convert.ToBase64String(key.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>Signs the manifest file at <paramref name="manifestPath"/> and writes <c>manifest.sig</c> beside it.</summary>
    /// <returns>The signature file's path.</returns>
    public static async Task<string> SignFileAsync(string manifestPath, string privateKeyPem, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        var signaturePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "manifest.sig");
        await File.WriteAllTextAsync(signaturePath, Sign(bytes, privateKeyPem) + "\n", cancellationToken).ConfigureAwait(false);
        return signaturePath;
    }

    /// <summary>Writes a private key PEM to a new file readable only by its owner (0600); refuses to overwrite.</summary>
    public static void WritePrivateKey(string path, string privateKeyPem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with the mode, not chmod-ed afterwards, so the key is never readable by others even briefly.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(privateKeyPem);
    }
}
