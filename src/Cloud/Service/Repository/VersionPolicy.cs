namespace EdgeAi.Cloud.Service.Repository;

/// <summary>Which of the version folders present are served (<c>version_policy</c> in <c>config.pbtxt</c>).</summary>
/// <param name="Kind">Latest, all or specific.</param>
/// <param name="LatestCount">How many of the newest versions <see cref="VersionPolicyKind.Latest"/> serves.</param>
/// <param name="Versions">The versions <see cref="VersionPolicyKind.Specific"/> serves.</param>
internal sealed record VersionPolicy(VersionPolicyKind Kind, int LatestCount, IReadOnlyList<long> Versions)
{
    /// <summary>Triton's default: <c>latest { num_versions: 1 }</c>.</summary>
    public static VersionPolicy Default { get; } = new(VersionPolicyKind.Latest, 1, []);

    /// <summary>The versions to serve out of <paramref name="available"/>, ascending.</summary>
    public IReadOnlyList<long> Select(IEnumerable<long> available)
    {
        var sorted = available.Distinct().Order().ToList();
        return Kind switch
        {
            VersionPolicyKind.All => sorted,
            VersionPolicyKind.Latest => sorted.Skip(Math.Max(0, sorted.Count - LatestCount)).ToList(),
            _ => sorted.Where(Versions.Contains).ToList(),
        };
    }
}
