using System.Security.Cryptography;
using System.Text;
using EdgeAi.Cloud.Client.Sync;

namespace EdgeAi.Cloud.Client.Tests.Sync;

public sealed class ManifestSignerTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("""{"name": "m", "version": 2}""");

    [Fact]
    public void Sign_VerifiesWithTheMatchingPublicKey()
    {
        var keys = ManifestSigner.CreateKeyPair();
        using var verifier = new ManifestVerifier(keys.PublicKeyPem);

        Assert.True(verifier.Verify(Manifest, ManifestSigner.Sign(Manifest, keys.PrivateKeyPem)));
    }

    [Fact]
    public void Verify_OtherKeysSignature_IsFalse()
    {
        var keys = ManifestSigner.CreateKeyPair();
        using var verifier = new ManifestVerifier(keys.PublicKeyPem);

        Assert.False(verifier.Verify(Manifest, ManifestSigner.Sign(Manifest, ManifestSigner.CreateKeyPair().PrivateKeyPem)));
    }

    [Fact]
    public void Verify_OneFlippedBitInTheManifest_IsFalse()
    {
        var keys = ManifestSigner.CreateKeyPair();
        using var verifier = new ManifestVerifier(keys.PublicKeyPem);
        var signature = ManifestSigner.Sign(Manifest, keys.PrivateKeyPem);
        var flipped = (byte[])Manifest.Clone();
        flipped[10] ^= 0x01;

        Assert.False(verifier.Verify(flipped, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_MissingOrMalformedSignature_IsFalse(string? signature)
    {
        using var verifier = new ManifestVerifier(ManifestSigner.CreateKeyPair().PublicKeyPem);

        Assert.False(verifier.Verify(Manifest, signature));
    }

    [Fact]
    public void Verifier_NonP256Key_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => new ManifestVerifier(p384.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void Sign_IsCompatibleWithOpenSslDerSignatures()
    {
        // DER (RFC 3279) is what `openssl dgst -sha256 -sign` writes: verify with the platform API in that format.
        var keys = ManifestSigner.CreateKeyPair();
        using var key = ECDsa.Create();
        key.ImportFromPem(keys.PublicKeyPem);

        Assert.True(key.VerifyData(Manifest, Convert.FromBase64String(ManifestSigner.Sign(Manifest, keys.PrivateKeyPem)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void WritePrivateKey_CreatesOwnerOnlyFile_AndRefusesOverwrite()
    {
        var path = Path.Combine(Path.GetTempPath(), "edgeai-key-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            var keys = ManifestSigner.CreateKeyPair();
            ManifestSigner.WritePrivateKey(path, keys.PrivateKeyPem);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Throws<IOException>(() => ManifestSigner.WritePrivateKey(path, keys.PrivateKeyPem));
            Assert.Equal(keys.PrivateKeyPem, File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void KeyPair_ToString_HidesThePrivateKey()
    {
        var keys = ManifestSigner.CreateKeyPair();

        Assert.DoesNotContain("PRIVATE", keys.ToString(), StringComparison.Ordinal);
    }
}
