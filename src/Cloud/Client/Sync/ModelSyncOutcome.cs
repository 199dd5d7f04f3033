namespace EdgeAi.Cloud.Client.Sync;

/// <summary>What happened to an offered model version.</summary>
public enum ModelSyncOutcome
{
    /// <summary>Verified, loaded, checked and serving.</summary>
    Activated,

    /// <summary>Refused before the swap; the current model keeps serving.</summary>
    Rejected,

    /// <summary>Swapped in, failed its health check, and the previous model was put back.</summary>
    RolledBack,
}
