namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// A request the service refuses, with the HTTP status to answer. The message goes to the client in
/// <c>{"error": "..."}</c> (OIP inference_rest.md, "Error responses"), so it must name what is wrong
/// and never carry secrets.
/// </summary>
internal sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates a 400 Bad Request.</summary>
    public ProtocolException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public ProtocolException()
        : this(StatusCodes.Status400BadRequest, "bad request")
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>The HTTP status code to answer with.</summary>
    public int StatusCode { get; }
}
