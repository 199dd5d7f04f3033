using System.Globalization;
using System.Text.Json;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>
/// Triton's model repository extension: <c>POST /v2/repository/index</c>, <c>.../models/{name}/load</c>
/// and <c>.../unload</c>. A load of a served model builds the new versions first and swaps them in
/// without failing in-flight requests; a failed load keeps the old versions serving.
/// </summary>
internal static class RepositoryEndpoints
{
    private const int MaxControlBodyBytes = 64 * 1024;

    /// <summary>Maps the three endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/repository/index", IndexAsync);
        app.MapPost("/v2/repository/models/{name}/load", LoadAsync);
        app.MapPost("/v2/repository/models/{name}/unload", UnloadAsync);
    }

    private static async Task IndexAsync(HttpContext context)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var readyOnly = body is not null && body.RootElement.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True;
        var rows = new List<RepositoryIndexEntry>();
        foreach (var entry in repository.Index())
        {
            if (entry.Model is { } model)
            {
                rows.AddRange(model.Runners.Keys.Select(v => new RepositoryIndexEntry(
                    entry.Name, v.ToString(CultureInfo.InvariantCulture), "READY", entry.Reason)));
            }
            else if (!readyOnly)
            {
                rows.Add(new RepositoryIndexEntry(entry.Name, null, entry.State.ToString().ToUpperInvariant(), entry.Reason));
            }
        }

        await HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, rows, ServiceJsonContext.Wire.IReadOnlyListRepositoryIndexEntry).ConfigureAwait(false);
    }

    private static async Task LoadAsync(HttpContext context)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        var name = RouteValuesReader.ModelName(context);
        using (var body = await ReadBodyAsync(context).ConfigureAwait(false))
        {
            if (body is not null && body.RootElement.TryGetProperty("parameters", out var parameters)
                && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("config", out _))
            {
                throw new ProtocolException("load with parameters.config is not supported: edit config.pbtxt in the repository instead");
            }
        }

        if (!repository.HasFolder(name))
        {
            throw new ProtocolException(StatusCodes.Status404NotFound, $"no model folder '{name}' in the repository");
        }

        var failure = await repository.LoadAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new ProtocolException($"failed to load '{name}': {failure}");
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task UnloadAsync(HttpContext context)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        var name = RouteValuesReader.ModelName(context);
        if (!await repository.UnloadAsync(name, context.RequestAborted).ConfigureAwait(false))
        {
            throw new ProtocolException(StatusCodes.Status404NotFound, $"unknown model '{name}'");
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The optional JSON body of a control request, or null when empty.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        var bytes = await RequestBody.ReadAsync(context.Request, MaxControlBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new ProtocolException("the request body must be a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"malformed JSON: {e.Message}", e);
        }
    }
}
