using System.Security.Cryptography;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>PEM import that accepts only P-256 keys, so a weaker curve cannot be configured by mistake.</summary>
internal static class ManifestKeys
{
    public static ECDsa Import(string pem, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var curve = key.ExportParameters(false).Curve;
            if (curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException($"the {what} must be an ECDSA P-256 key");
            }

            return key;
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new CryptographicException($"the {what} is not a PEM-encoded EC key", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
