namespace EdgeAi.Cloud.Service.Repository;

/// <summary>A model's state in the repository index (the names Triton's repository extension reports).</summary>
internal enum ModelState
{
    /// <summary>Found on disk, not loaded yet.</summary>
    Unknown,

    /// <summary>Being loaded for the first time.</summary>
    Loading,

    /// <summary>Serving requests.</summary>
    Ready,

    /// <summary>Not serving: failed to load or unloaded; the reason says which.</summary>
    Unavailable,
}
