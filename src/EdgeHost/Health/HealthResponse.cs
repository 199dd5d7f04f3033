using System.Globalization;
using System.Text;

namespace EdgeAi.EdgeHost.Health;

/// <summary>One HTTP/1.1 response of <see cref="HealthEndpoint"/>; every response closes the connection.</summary>
internal readonly record struct HealthResponse(int Status, string Body, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>Status line, headers and (unless answering HEAD) the body, as bytes on the wire.</summary>
    public byte[] Encode(bool headOnly)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var reason = Status switch
        {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            431 => "Request Header Fields Too Large",
            _ => "Service Unavailable",
        };
        var allow = Status == 405 ? "Allow: GET, HEAD\r\n" : string.Empty;
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {Status} {reason}\r\nContent-Type: {ContentType}\r\nContent-Length: {body.Length}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        return headOnly ? Encoding.ASCII.GetBytes(head) : [.. Encoding.ASCII.GetBytes(head), .. body];
    }
}
