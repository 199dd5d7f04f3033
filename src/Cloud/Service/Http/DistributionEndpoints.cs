using System.Globalization;
using EdgeAi.Cloud.Service.Distribution;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Http;

/// <summary>
/// Model distribution for the edge (issue 6): list versions with their signed manifests, fetch one
/// manifest, download an artifact. Outside <c>/v2</c> on purpose: this is EdgeAi's own API, not part of
/// the Open Inference Protocol, and a Triton in front of the same repository simply does not have it.
/// </summary>
internal static class DistributionEndpoints
{
    /// <summary>Maps <c>/edgeai/v1/models[...]</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/edgeai/v1/models", ListAsync);
        app.MapGet("/edgeai/v1/models/{name}/versions/{version}/manifest", ManifestAsync);
        app.MapGet("/edgeai/v1/models/{name}/versions/{version}/artifact", ArtifactAsync);
    }

    private static Task ListAsync(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<DistributionCatalog>();
        IReadOnlyList<DistributionEntryResponse> entries = [.. catalog.List().Select(ToResponse)];
        return HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, entries, ServiceJsonContext.Wire.IReadOnlyListDistributionEntryResponse);
    }

    private static Task ManifestAsync(HttpContext context) =>
        HttpResponses.WriteJsonAsync(context, StatusCodes.Status200OK, ToResponse(Find(context)), ServiceJsonContext.Wire.DistributionEntryResponse);

    private static async Task ArtifactAsync(HttpContext context)
    {
        var entry = Find(context);
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = entry.Manifest.Size;
        // RFC 9530 Repr-Digest, so a node can check the bytes before it even opens the manifest.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(entry.Manifest.Sha256))}:";
        await response.SendFileAsync(entry.ArtifactPath, context.RequestAborted).ConfigureAwait(false);
    }

    private static DistributedVersion Find(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<DistributionCatalog>();
        var name = RouteValuesReader.ModelName(context);
        var version = RouteValuesReader.Version(context)!.Value;
        return catalog.TryGet(name, version, out var entry)
            ? entry
            : throw new ProtocolException(
                StatusCodes.Status404NotFound,
                string.Create(CultureInfo.InvariantCulture, $"model '{name}' version {version} is not offered for distribution"));
    }

    private static DistributionEntryResponse ToResponse(DistributedVersion entry) =>
        new(entry.Manifest.Name, entry.Manifest.Version, Convert.ToBase64String(entry.ManifestBytes), entry.Signature);
}
