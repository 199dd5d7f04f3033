using System.Globalization;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>Model metadata and model ready (OIP inference_rest.md, "Model Metadata", "Model Ready").</summary>
internal static class ModelEndpoints
{
    /// <summary>Maps <c>/v2/models/{name}[/versions/{version}]</c> and its <c>/ready</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/models/{name}", MetadataAsync);
        app.MapGet("/v2/models/{name}/versions/{version}", MetadataAsync);
        app.MapGet("/v2/models/{name}/ready", ReadyAsync);
        app.MapGet("/v2/models/{name}/versions/{version}/ready", ReadyAsync);
    }

    private static Task MetadataAsync(HttpContext context)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        using var lease = repository.Acquire(RouteValuesReader.ModelName(context), RouteValuesReader.Version(context));
        var config = lease.Config;
        var metadata = new ModelMetadataResponse(
            config.Name,
            [.. lease.ServedVersions.Select(v => v.ToString(CultureInfo.InvariantCulture))],
            config.Platform,
            [.. config.Inputs.Select(t => new TensorMetadata(t.Name, t.DataType.ToProtocolName(), config.ProtocolShape(t)))],
            [.. config.Outputs.Select(t => new TensorMetadata(t.Name, t.DataType.ToProtocolName(), config.ProtocolShape(t)))]);
        return HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, metadata, ServiceJsonContext.Wire.ModelMetadataResponse);
    }

    /// <summary>
    /// 200 with <c>ready: true</c> when the model (version) serves; a 4xx with <c>ready: false</c> when it is
    /// known but not serving (the spec: "200 indicates true and a 4xx status code indicates false");
    /// 404 with an error for a model the repository has never seen.
    /// </summary>
    private static Task ReadyAsync(HttpContext context)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        var name = RouteValuesReader.ModelName(context);
        var version = RouteValuesReader.Version(context);
        var entry = repository.Find(name);
        if (entry is null && !repository.HasFolder(name))
        {
            throw new ProtocolException(StatusCodes.Status404NotFound, $"unknown model '{name}'");
        }

        var ready = entry?.Model is { } model && (version is null || model.Runners.ContainsKey(version.Value));
        return HttpResponses.WriteJsonAsync(
            context, ready ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, new ModelReadyResponse(name, ready), ServiceJsonContext.Wire.ModelReadyResponse);
    }
}
