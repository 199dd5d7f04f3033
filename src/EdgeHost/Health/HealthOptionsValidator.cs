using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Health;

/// <summary>Validates <see cref="HealthOptions"/>; every message names the configuration key.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        const string S = HealthOptions.SectionName;
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{S}:Port must be between 0 and 65535 (got {options.Port}; 0 picks a free port).");
        }

        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{S}:ListenAddress must be an IP address (got '{options.ListenAddress}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
