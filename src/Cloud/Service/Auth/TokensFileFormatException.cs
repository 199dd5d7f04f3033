namespace EdgeAi.Cloud.Service.Auth;

/// <summary>A tokens file that cannot be used; the message names the line, never its content.</summary>
internal sealed class TokensFileFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokensFileFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public TokensFileFormatException()
        : base("invalid tokens file")
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public TokensFileFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
