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
    public bool Verify(string token)
    {
        var hash = TokenHash.Compute(token);
        var matched = false;
        foreach (var entry in _entries)
        {
            matched |= CryptographicOperations.FixedTimeEquals(hash, entry.Hash);
        }

        return matched;
    }
}
