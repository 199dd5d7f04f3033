using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>Checks the <c>Cloud</c> section; every failure names its key.</summary>
internal sealed class CloudOptionsValidator : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string S = CloudOptions.SectionName;
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add($"{S}:Url must be an absolute http:// or https:// address without credentials (got '{options.Url}').");
        }

        if (!string.IsNullOrEmpty(options.TokenFile) && !File.Exists(options.TokenFile))
        {
            failures.Add($"{S}:TokenFile: the file '{options.TokenFile}' does not exist.");
        }

        if (!string.IsNullOrEmpty(options.Model) && !InferenceOptionsValidator.IsEntityId(options.Model.Replace('-', '_')))
        {
            failures.Add($"{S}:Model must be a model name of [a-z0-9_-] (got '{options.Model}').");
        }

        if (!string.IsNullOrEmpty(options.SyncModel) && !InferenceOptionsValidator.IsEntityId(options.SyncModel.Replace('-', '_')))
        {
            failures.Add($"{S}:SyncModel must be a model name of [a-z0-9_-] (got '{options.SyncModel}').");
        }

        if (string.IsNullOrEmpty(options.Input) || string.IsNullOrEmpty(options.Output))
        {
            failures.Add($"{S}:Input and {S}:Output must name the cloud model's tensors.");
        }

        if (!(options.ConfidenceThreshold is >= 0 and <= 1))
        {
            failures.Add($"{S}:ConfidenceThreshold must be between 0 and 1 (got {options.ConfidenceThreshold}).");
        }

        if (options.Deadline <= TimeSpan.Zero || options.Deadline > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{S}:Deadline must be between 0 and 30 s (got {options.Deadline}).");
        }

        if (!string.IsNullOrEmpty(options.ManifestPublicKeyFile) && !File.Exists(options.ManifestPublicKeyFile))
        {
            failures.Add($"{S}:ManifestPublicKeyFile: the file '{options.ManifestPublicKeyFile}' does not exist.");
        }

        if (options.SyncInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{S}:SyncInterval must be at least 1 s (got {options.SyncInterval}).");
        }

        if (options.OutboxMaxBytes < 64 * 1024)
        {
            failures.Add($"{S}:OutboxMaxBytes must be at least 65536 (got {options.OutboxMaxBytes}).");
        }

        if (options.OutboxMaxAge < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:OutboxMaxAge must be at least 1 minute (got {options.OutboxMaxAge}).");
        }

        if (options.TelemetryInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{S}:TelemetryInterval must be at least 100 ms (got {options.TelemetryInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
