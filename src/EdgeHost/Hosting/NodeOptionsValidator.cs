using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Rejects a node id that is not a valid topic segment and a missing data directory.</summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var failures = new List<string>();
        if (!NodeIdentity.IsValid(options.NodeId))
        {
            failures.Add($"{NodeOptions.SectionName}:NodeId must be 1 to {NodeIdentity.MaxLength} characters of [a-zA-Z0-9_-] (got '{options.NodeId}').");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{NodeOptions.SectionName}:DataDirectory must be set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
