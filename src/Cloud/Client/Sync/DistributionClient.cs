using System.Globalization;
using System.Text.Json;
using EdgeAi.Cloud.Client.Oip;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>The service's model distribution endpoints (<c>/edgeai/v1/models</c>, see docs/cloud.md). Thread-safe.</summary>
public sealed class DistributionClient
{
    private readonly HttpClient _http;

    /// <summary>Creates the client over <paramref name="http"/>.</summary>
    public DistributionClient(CloudHttp http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http.Client;
    }

    /// <summary>Every distributable version the service offers.</summary>
    public async Task<IReadOnlyList<DistributionEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("edgeai/v1/models", cancellationToken).ConfigureAwait(false);
        using var document = await OipClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. document.RootElement.EnumerateArray().Select(e => new DistributionEntry(
                e.GetProperty("name").GetString()!,
                e.GetProperty("version").GetInt64(),
                Convert.FromBase64String(e.GetProperty("manifest").GetString()!),
                e.TryGetProperty("signature", out var signature) && signature.ValueKind == JsonValueKind.String ? signature.GetString() : null))];
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new CloudRequestException("the model list is malformed: " + e.Message, e);
        }
    }

    /// <summary>
    /// Copies the artifact of <paramref name="name"/> <paramref name="version"/> to <paramref name="destination"/>,
    /// stopping with <see cref="InvalidDataException"/> once more than <paramref name="maxBytes"/> arrive
    /// (a lying or compromised server cannot fill the disk).
    /// </summary>
    public async Task DownloadAsync(string name, long version, Stream destination, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = string.Create(CultureInfo.InvariantCulture, $"edgeai/v1/models/{Uri.EscapeDataString(name)}/versions/{version}/artifact");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await OipClient.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the artifact is larger than the {maxBytes} bytes expected"));
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
