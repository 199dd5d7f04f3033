namespace EdgeAi.Cloud.Service.Logging;

/// <summary>
/// The model service's log messages. Event ids 5000–5999 belong to the service and never change meaning.
/// No message carries a token or a token hash.
/// </summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Model repository {Root}: {Ready} of {Total} models ready")]
    public static partial void RepositoryLoaded(this ILogger logger, string root, int ready, int total);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Model {Model} loaded, versions {Versions}")]
    public static partial void ModelLoaded(this ILogger logger, string model, string versions);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Model {Model} failed to load: {Reason}")]
    public static partial void ModelLoadFailed(this ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Model {Model} reload failed, the loaded versions keep serving: {Reason}")]
    public static partial void ModelReloadFailed(this ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Model {Model} unloaded")]
    public static partial void ModelUnloaded(this ILogger logger, string model);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "Model {Model} version {Version} is not offered for distribution: {Reason}")]
    public static partial void ManifestRejected(this ILogger logger, string model, long version, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Accepting {Count} bearer token(s) from {TokensFile}")]
    public static partial void TokensLoaded(this ILogger logger, int count, string tokensFile);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Authentication is off (--insecure-no-auth): every client may use every endpoint")]
    public static partial void AuthenticationDisabled(this ILogger logger);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    public static partial void AuthenticationRefused(this ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception exception, string method, PathString path);
}
