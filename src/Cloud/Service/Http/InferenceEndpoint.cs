using System.Globalization;
using EdgeAi.Cloud.Service.Metrics;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>
/// <c>POST /v2/models/{name}[/versions/{v}]/infer</c> (OIP inference_rest.md, "Inference"), with Triton's
/// binary tensor extension: when <c>Inference-Header-Content-Length</c> is present, the body is that many
/// bytes of JSON followed by the inputs' binary data in input order.
/// </summary>
internal static class InferenceEndpoint
{
    /// <summary>The binary tensor extension's header naming the JSON part's length.</summary>
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    /// <summary>Maps both infer routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/models/{name}/infer", InferAsync);
        app.MapPost("/v2/models/{name}/versions/{version}/infer", InferAsync);
    }

    private static async Task InferAsync(HttpContext context)
    {
        var metrics = context.RequestServices.GetRequiredService<ServiceMetrics>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        var name = RouteValuesReader.ModelName(context);
        var servedVersion = string.Empty;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            servedVersion = await InferCoreAsync(context, name).ConfigureAwait(false);
            status = StatusCodes.Status200OK;
        }
        catch (ProtocolException e)
        {
            // Refusals are counted with the status the error middleware is about to answer.
            status = e.StatusCode;
            throw;
        }
        catch (BadHttpRequestException e)
        {
            status = e.StatusCode;
            throw;
        }
        finally
        {
            metrics.ObserveInference(name, servedVersion, status, time.GetElapsedTime(started));
        }
    }

    private static async Task<string> InferCoreAsync(HttpContext context, string name)
    {
        var repository = context.RequestServices.GetRequiredService<ModelRepository>();
        var limits = context.RequestServices.GetRequiredService<ServiceLimits>();
        var version = RouteValuesReader.Version(context);
        var body = await RequestBody.ReadAsync(context.Request, limits.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        var jsonLength = JsonLength(context.Request, body.Length);
        var json = body.AsMemory(0, jsonLength);
        var binary = body.AsMemory(jsonLength);

        InferResponse response;
        string servedVersion;
        using (var lease = repository.Acquire(name, version))
        {
            servedVersion = lease.Version.ToString(CultureInfo.InvariantCulture);
            var request = InferRequestParser.Parse(json.Span);
            var bound = InferRequestBinder.Bind(request, json.Span, binary, lease.Config);
            var outputs = await lease.Executor.RunAsync(bound.Inputs, [.. bound.Outputs.Select(o => o.Name)], context.RequestAborted).ConfigureAwait(false);
            response = InferResponseWriter.Write(name, lease.Version, request, bound.Outputs, outputs);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        if (response.Binary.Count == 0)
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = response.Json.Length;
            await context.Response.Body.WriteAsync(response.Json, context.RequestAborted).ConfigureAwait(false);
            return servedVersion;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers[HeaderLengthHeader] = response.Json.Length.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentLength = response.Json.Length + response.BinaryLength;
        await context.Response.Body.WriteAsync(response.Json, context.RequestAborted).ConfigureAwait(false);
        foreach (var part in response.Binary)
        {
            await context.Response.Body.WriteAsync(part, context.RequestAborted).ConfigureAwait(false);
        }

        return servedVersion;
    }

    private static int JsonLength(HttpRequest request, int bodyLength)
    {
        var header = request.Headers[HeaderLengthHeader].ToString();
        if (header.Length == 0)
        {
            return bodyLength;
        }

        return int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= bodyLength
            ? length
            : throw new ProtocolException($"{HeaderLengthHeader} '{header}' is not a length within the body");
    }
}
