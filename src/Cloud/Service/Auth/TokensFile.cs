using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeAi.Cloud.Service.Auth;

/// <summary>
/// The tokens file: one <c>name:sha256-hex-of-token</c> per line, <c>#</c> comments and blank lines
/// ignored. It holds no secret, only hashes; it is still created 0600 so nobody else can add a line.
/// </summary>
internal static class TokensFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="TokensFileFormatException">A line is malformed, a name repeats, or the file has no token.</exception>
    public static IReadOnlyList<TokenEntry> Read(string path)
    {
        var entries = new List<TokenEntry>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var colon = line.LastIndexOf(':');
            var name = colon > 0 ? line[..colon] : string.Empty;
            var hex = colon > 0 ? line[(colon + 1)..] : string.Empty;
            if (!IsValidName(name) || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new TokensFileFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}: line {lineNumber} is not 'name:<64 hex digits of sha256>'"));
            }

            if (entries.Any(e => string.Equals(e.Name, name, StringComparison.Ordinal)))
            {
                throw new TokensFileFormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {lineNumber} repeats the name '{name}'"));
            }

            entries.Add(new TokenEntry(name, Convert.FromHexString(hex)));
        }

        return entries.Count > 0 ? entries : throw new TokensFileFormatException($"{path} holds no token");
    }

    /// <summary>
    /// Creates a new random token for <paramref name="name"/>, appends its hash to <paramref name="path"/>
    /// (creating the file with mode 0600), and returns the token: the only time it exists in clear.
    /// </summary>
    /// <exception cref="TokensFileFormatException">The name is invalid or already present.</exception>
    public static string Create(string path, string name)
    {
        if (!IsValidName(name))
        {
            throw new TokensFileFormatException($"token name '{name}' may only hold letters, digits, '_', '-' and '.'");
        }

        if (File.Exists(path) && File.ReadLines(path).Any(l => l.Trim().StartsWith(name + ":", StringComparison.Ordinal)))
        {
            throw new TokensFileFormatException($"{path} already has a token named '{name}'");
        }

        // 32 random bytes: 256 bits, so the unsalted SHA-256 in the file cannot be brute-forced back.
        var token = "eai_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(path, options))
        {
            var line = Encoding.UTF8.GetBytes($"{name}:{TokenHash.ComputeHex(token)}\n");
            stream.Write(line);
        }

        return token;
    }

    /// <summary>Names are one word, so a line splits unambiguously and never holds a newline.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
