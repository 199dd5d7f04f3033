using System.Security.Cryptography;
using System.Text;

namespace EdgeAi.Cloud.Service.Auth;

/// <summary>SHA-256 of a bearer token: the only form in which the service stores a token.</summary>
internal static class TokenHash
{
    /// <summary>The hash of <paramref name="token"/>'s UTF-8 bytes.</summary>
    public static byte[] Compute(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Lower-case hex, as written in the tokens file.</summary>
    public static string ComputeHex(string token) => Convert.ToHexStringLower(Compute(token));
}
