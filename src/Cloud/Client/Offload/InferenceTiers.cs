namespace EdgeAi.Cloud.Client.Offload;

/// <summary>Wire names of <see cref="InferenceTier"/>.</summary>
public static class InferenceTiers
{
    /// <summary><c>local</c>, <c>cloud</c> or <c>local-fallback</c>.</summary>
    public static string WireName(this InferenceTier tier) => tier switch
    {
        InferenceTier.Local => "local",
        InferenceTier.Cloud => "cloud",
        InferenceTier.LocalFallback => "local-fallback",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };
}
