using System.Security.Cryptography;

namespace EdgeAi.Cloud.Service.Auth;

/// <summary>
/// Checks a presented bearer token against the stored hashes. Thread-safe and immutable.
/// </summary>
/// <remarks>
/// The token is hashed and compared with every stored hash in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), without stopping at a match, so the response
/// time tells nothing about which bytes or which entry matched.
/// </remarks>
internal sealed class TokenVerifier
{
    private readonly IReadOnlyList<TokenEntry> _entries;

    /// <summary>Creates a verifier over <paramref name="entries"/>.</summary>
    public TokenVerifier(IReadOnlyList<TokenEntry> entries)
    {
        _entries = entries;
    }

    /// <summary>Number of accepted tokens.</summary>
    public int Count => _entries.Count;

    /// <summary>True when <paramref name="token"/> is one of the accepted tokens.</summary>
    public bool Verify(string token) => Identify(token) is not null;

    /// <summary>The name the accepted <paramref name="token"/> was issued to, or null when it is not accepted.</summary>
    public string? Identify(string token)
    {
        var hash = TokenHash.Compute(token);
        string? name = null;
        foreach (var entry in _entries)
        {
            // No early exit: every entry is compared, matched or not.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                name = entry.Name;
            }
        }

        return name;
    }
}
