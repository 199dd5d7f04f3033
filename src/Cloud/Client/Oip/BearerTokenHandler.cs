using System.Net.Http.Headers;

namespace EdgeAi.Cloud.Client.Oip;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from a token file. The file is read again when its write time changes,
/// so an operator can rotate the token without restarting the node. The token is never logged.
/// </summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly string _tokenFile;
    private readonly Lock _gate = new();
    private DateTime _readAt;
    private string? _token;

    public BearerTokenHandler(string tokenFile)
    {
        _tokenFile = tokenFile;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        return base.SendAsync(request, cancellationToken);
    }

    private string Token()
    {
        lock (_gate)
        {
            var written = File.GetLastWriteTimeUtc(_tokenFile);
            if (_token is null || written != _readAt)
            {
                var token = File.ReadAllText(_tokenFile).Trim();
                if (token.Length == 0 || token.Any(char.IsWhiteSpace))
                {
                    throw new InvalidDataException($"the token file '{_tokenFile}' must hold one token on one line");
                }

                _token = token;
                _readAt = written;
            }

            return _token;
        }
    }
}
