using System.Globalization;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>Reads a whole request body into memory, refusing anything over the configured limit.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body; 413 when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (request.ContentLength is { } length)
        {
            // Known length (the usual case): one exact buffer, no growing copies of a large tensor body.
            var exact = new byte[length];
            try
            {
                await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw new ProtocolException($"the body ended before its Content-Length: {e.Message}", e);
            }

            return exact;
        }

        using var buffer = new MemoryStream(4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProtocolException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"the request body is larger than {limit} bytes"));
}
