namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>Text that is not valid protobuf text format; the message names the line.</summary>
internal sealed class PbtxtFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PbtxtFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public PbtxtFormatException()
        : base("invalid text format")
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public PbtxtFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
