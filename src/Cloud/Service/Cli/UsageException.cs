namespace EdgeAi.Cloud.Service.Cli;

/// <summary>Bad command-line arguments or a start-up precondition that fails; printed to stderr, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public UsageException()
        : base("invalid arguments")
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
