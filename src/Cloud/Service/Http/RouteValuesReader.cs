using System.Globalization;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>Reads the <c>{name}</c> and optional <c>{version}</c> route values of the model endpoints.</summary>
internal static class RouteValuesReader
{
    /// <summary>The model name of the route.</summary>
    public static string ModelName(HttpContext context) => (string)context.Request.RouteValues["name"]!;

    /// <summary>The version of the route, or null when the route has none.</summary>
    /// <exception cref="ProtocolException">400 when the version is not a positive integer.</exception>
    public static long? Version(HttpContext context)
    {
        if (context.Request.RouteValues["version"] is not string text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new ProtocolException($"model version '{text}' is not a positive integer");
    }
}
