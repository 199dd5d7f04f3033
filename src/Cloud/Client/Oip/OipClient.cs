using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EdgeAi.Cloud.Client.Oip;

/// <summary>
/// Open Inference Protocol v2 calls over a <see cref="CloudHttp"/> (works against this project's service,
/// Triton and KServe). Thread-safe: calls may run concurrently. Errors of the service surface as
/// <see cref="CloudRequestException"/>; transport failures, per-try timeouts and an open circuit as the
/// <see cref="HttpRequestException"/>, <c>TimeoutRejectedException</c> and <c>BrokenCircuitException</c> of the pipeline.
/// </summary>
public sealed class OipClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    /// <summary>Creates a client over <paramref name="http"/>.</summary>
    public OipClient(CloudHttp http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http.Client;
    }

    /// <summary><c>GET /v2/health/live</c>: true when the server answers 200.</summary>
    public Task<bool> IsLiveAsync(CancellationToken cancellationToken = default) => IsOkAsync("v2/health/live", cancellationToken);

    /// <summary><c>GET /v2/health/ready</c>: true when the server answers 200.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => IsOkAsync("v2/health/ready", cancellationToken);

    /// <summary><c>GET /v2/models/{name}[/versions/{v}]/ready</c>: true on 200, false on any 4xx (the spec's "not ready").</summary>
    public async Task<bool> IsModelReadyAsync(string model, string? version = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(ModelPath(model, version) + "/ready", cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>GET /v2/models/{name}[/versions/{v}]</c>.</summary>
    public async Task<ModelMetadata> GetModelMetadataAsync(string model, string? version = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(ModelPath(model, version), cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return OipJson.ReadModelMetadata(document.RootElement);
    }

    /// <summary><c>POST /v2/models/{name}[/versions/{v}]/infer</c> with JSON data; never retried (a POST may have run).</summary>
    /// <param name="model">Model name.</param>
    /// <param name="inputs">Every input of the model.</param>
    /// <param name="outputs">Outputs to return (null: all).</param>
    /// <param name="version">Version (null: the highest served).</param>
    /// <param name="id">Request id echoed by the server.</param>
    /// <param name="cancellationToken">Cancels the call (the offload deadline uses it).</param>
    public async Task<InferResult> InferAsync(
        string model, IReadOnlyList<InferTensor> inputs, IReadOnlyList<string>? outputs = null, string? version = null, string? id = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var content = new ByteArrayContent(OipJson.WriteInferRequest(inputs, outputs, id));
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(ModelPath(model, version) + "/infer", content, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return OipJson.ReadInferResult(document.RootElement);
    }

    internal static string ModelPath(string model, string? version)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var path = "v2/models/" + Uri.EscapeDataString(model);
        return version is null ? path : path + "/versions/" + Uri.EscapeDataString(version);
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                message = error.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not the service's {"error"} body (a proxy's HTML page): the status line is all we can say.
        }

        throw new CloudRequestException(response.StatusCode, message);
    }

    internal static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new CloudRequestException(HttpStatusCode.OK, "the service answered malformed JSON: " + e.Message);
        }
    }

    private async Task<bool> IsOkAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
