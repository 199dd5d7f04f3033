using System.Device.Gpio;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// Checks the manifest against the board before any pin is opened: ids, names, pins in the board's range,
/// no pin or id used twice. Every message names the configuration key.
/// </summary>
internal sealed partial class DevicesOptionsValidator(GpioController controller) : IValidateOptions<DevicesOptions>
{
    public ValidateOptionsResult Validate(string? name, DevicesOptions options)
    {
        var failures = new List<string>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var pins = new Dictionary<int, string>();
        for (var i = 0; i < options.Lights.Count; i++)
        {
            var light = options.Lights[i];
            var key = $"{DevicesOptions.SectionName}:Lights:{i}";
            if (!EntityId().IsMatch(light.Id))
            {
                failures.Add($"{key}:Id must be 1 to 64 characters of [a-z0-9_] (got '{light.Id}').");
            }
            else if (!ids.TryAdd(light.Id, key))
            {
                failures.Add($"{key}:Id '{light.Id}' is already used by {ids[light.Id]}.");
            }

            if (string.IsNullOrWhiteSpace(light.Name))
            {
                failures.Add($"{key}:Name must be set.");
            }

            if (light.Pin < 0 || light.Pin >= controller.PinCount)
            {
                failures.Add($"{key}:Pin must be between 0 and {controller.PinCount - 1} on this board (got {light.Pin}).");
            }
            else if (!pins.TryAdd(light.Pin, key))
            {
                failures.Add($"{key}:Pin {light.Pin} is already used by {pins[light.Pin]}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex EntityId();
}
