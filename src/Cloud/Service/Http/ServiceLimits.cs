namespace EdgeAi.Cloud.Service.Http;

/// <summary>Request limits of the HTTP front end.</summary>
/// <param name="MaxRequestBytes">Largest request body accepted (JSON plus binary tensor data).</param>
internal sealed record ServiceLimits(long MaxRequestBytes)
{
    /// <summary>64 MiB: a 4k RGB FP32 frame is ~100 MB, so larger tensors must be chosen deliberately.</summary>
    public const long DefaultMaxRequestBytes = 64L * 1024 * 1024;
}
