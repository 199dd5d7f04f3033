namespace EdgeAi.Cloud.Client.Sync;

/// <summary>An ECDSA P-256 key pair as PEM. The private key stays with the operator; nodes get only the public key.</summary>
/// <param name="PrivateKeyPem">PKCS#8 <c>PRIVATE KEY</c> PEM (a secret: store it 0600, never log it).</param>
/// <param name="PublicKeyPem">SubjectPublicKeyInfo <c>PUBLIC KEY</c> PEM, for the node configuration.</param>
public sealed record ManifestKeyPair(string PrivateKeyPem, string PublicKeyPem)
{
    /// <summary>Keeps the private key out of logs and exception messages.</summary>
    public override string ToString() => "ManifestKeyPair { PrivateKeyPem = ***, PublicKeyPem = " + PublicKeyPem + " }";
}
