namespace EdgeAi.Cloud.Service.Repository;

/// <summary>The three version policies of Triton's model configuration (ModelVersionPolicy).</summary>
internal enum VersionPolicyKind
{
    /// <summary>Serve the newest N versions (the default, with N = 1).</summary>
    Latest,

    /// <summary>Serve every version present.</summary>
    All,

    /// <summary>Serve the listed versions.</summary>
    Specific,
}
