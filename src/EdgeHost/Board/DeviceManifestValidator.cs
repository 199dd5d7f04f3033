using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Board;

/// <summary>Runs <see cref="ManifestValidator"/> as the options validation of <see cref="DeviceManifest"/>.</summary>
internal sealed class DeviceManifestValidator : IValidateOptions<DeviceManifest>
{
    public ValidateOptionsResult Validate(string? name, DeviceManifest options)
    {
        var (failures, _) = ManifestValidator.Validate(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
