using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>The server health and metadata endpoints (OIP inference_rest.md, "Health" and "Server Metadata").</summary>
internal static class HealthEndpoints
{
    /// <summary>Maps <c>/v2/health/live</c>, <c>/v2/health/ready</c> and <c>/v2</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", context =>
            HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, new LiveResponse(true), ServiceJsonContext.Wire.LiveResponse));

        // Ready once the start-up load has tried every model; a model that failed to load does not make the
        // server unready (it is visible in the repository index), so the other models keep serving.
        app.MapGet("/v2/health/ready", context =>
        {
            var ready = context.RequestServices.GetRequiredService<ModelRepository>().StartupComplete;
            return HttpResponses.WriteJsonAsync(
                context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new ReadyResponse(ready), ServiceJsonContext.Wire.ReadyResponse);
        });

        app.MapGet("/v2", context =>
            HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, ServerInfo.Metadata, ServiceJsonContext.Wire.ServerMetadataResponse));
    }
}
