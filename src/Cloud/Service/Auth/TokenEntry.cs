namespace EdgeAi.Cloud.Service.Auth;

/// <summary>One line of the tokens file: a client name and the SHA-256 of its token.</summary>
/// <param name="Name">Who the token belongs to (for the operator; never sent to clients).</param>
/// <param name="Hash">32-byte SHA-256 of the token.</param>
internal sealed record TokenEntry(string Name, byte[] Hash);
