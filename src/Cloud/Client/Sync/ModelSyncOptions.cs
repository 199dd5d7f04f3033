namespace EdgeAi.Cloud.Client.Sync;

/// <summary>Settings of <see cref="ModelSync"/>.</summary>
public sealed class ModelSyncOptions
{
    /// <summary>Model names this node runs; other offered models are ignored.</summary>
    public IReadOnlyList<string> Models { get; set; } = [];

    /// <summary>Folder for partial downloads (created 0700 if missing). Required.</summary>
    public string WorkDirectory { get; set; } = string.Empty;

    /// <summary>Time between polls of <see cref="ModelSync.RunAsync"/>. Default 5 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest artifact accepted. Default 256 MiB.</summary>
    public long MaxArtifactBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>This node's runtime version: a manifest whose <c>min_runtime_version</c> is above it is rejected. Null: not checked.</summary>
    public Version? RuntimeVersion { get; set; }

    /// <summary>Optional JSON-lines file every decision is appended to.</summary>
    public string? AuditFile { get; set; }
}
