using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>Writes JSON bodies with the source-generated serializers.</summary>
internal static class HttpResponses
{
    /// <summary>Writes <paramref name="value"/> as JSON with <paramref name="statusCode"/>.</summary>
    public static async Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the protocol's <c>{"error": "..."}</c> body.</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteJsonAsync(context, statusCode, new ErrorResponse(message), ServiceJsonContext.Wire.ErrorResponse);
}
