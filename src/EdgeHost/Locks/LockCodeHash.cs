using System.Security.Cryptography;
using System.Text;

namespace EdgeAi.EdgeHost.Locks;

/// <summary>
/// A salted PBKDF2-HMAC-SHA256 hash of a lock code. 600 000 iterations is OWASP's current recommendation for
/// PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet); the iteration count is stored with each hash so it can
/// be raised later without invalidating existing codes.
/// </summary>
/// <param name="Salt">16 random bytes, base64.</param>
/// <param name="Hash">32-byte derived key, base64.</param>
/// <param name="Iterations">PBKDF2 iteration count.</param>
public sealed record LockCodeHash(string Salt, string Hash, int Iterations)
{
    /// <summary>Iterations used for new hashes.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Hashes <paramref name="code"/> with a new random salt.</summary>
    public static LockCodeHash Create(string code, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(code);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(code, salt, iterations);
        return new LockCodeHash(Convert.ToBase64String(salt), Convert.ToBase64String(hash), iterations);
    }

    /// <summary>Whether <paramref name="code"/> is the hashed code; the comparison takes constant time.</summary>
    public bool Matches(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var expected = Convert.FromBase64String(Hash);
        var actual = Derive(code, Convert.FromBase64String(Salt), Iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Derive(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, 32);
}
