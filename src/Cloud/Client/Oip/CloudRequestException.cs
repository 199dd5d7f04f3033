using System.Net;

namespace EdgeAi.Cloud.Client.Oip;

/// <summary>The service answered with an error status; <see cref="Exception.Message"/> carries its <c>error</c> text.</summary>
public sealed class CloudRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudRequestException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception without a status.</summary>
    public CloudRequestException()
    {
    }

    /// <summary>Creates the exception without a status.</summary>
    public CloudRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a status.</summary>
    public CloudRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the service answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
