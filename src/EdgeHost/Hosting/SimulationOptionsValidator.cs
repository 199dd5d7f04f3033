using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Validates <see cref="SimulationOptions"/>; every message names its key.</summary>
internal sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        const string S = SimulationOptions.SectionName;
        var failures = new List<string>();
        try
        {
            _ = options.Speed;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            failures.Add($"{S}:TimeScale must be a positive number or 'max' (got '{options.TimeScale}').");
        }

        if (!string.IsNullOrEmpty(options.Duration) && !SimulatedDuration.TryParse(options.Duration, out _))
        {
            failures.Add($"{S}:Duration must be a duration such as 90s, 15m, 6h or 1d (got '{options.Duration}').");
        }

        if (options.Scenario is { Length: > 0 } scenario && !SimulationOptions.Scenarios.Contains(scenario, StringComparer.Ordinal))
        {
            failures.Add($"{S}:Scenario must be one of {string.Join(", ", SimulationOptions.Scenarios)} (got '{scenario}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
