using EdgeAi.Cloud.Service.Logging;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>
/// Turns every failure into the protocol's error body: a refused request keeps its 4xx status and message,
/// a body over the size limit is 413, and only a genuine server fault is a 500 (logged, without details
/// to the client).
/// </summary>
internal sealed class ErrorHandlingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorHandlingMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    /// <summary>Runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (ProtocolException e) when (!context.Response.HasStarted)
        {
            await HttpResponses.WriteErrorAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals, e.g. 413 when the body passes MaxRequestBodySize.
            await HttpResponses.WriteErrorAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            _logger.UnhandledError(e, context.Request.Method, context.Request.Path);
            await HttpResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal server error").ConfigureAwait(false);
        }
    }
}
