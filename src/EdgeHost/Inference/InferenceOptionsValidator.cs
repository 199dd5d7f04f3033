using EdgeAi.EdgeHost.Board;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>Checks the <c>Inference</c> section against itself and the device manifest; every failure names its key.</summary>
internal sealed class InferenceOptionsValidator(IOptions<DeviceManifest> manifest) : IValidateOptions<InferenceOptions>
{
    public const int MaxWindow = 4096;

    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string S = InferenceOptions.SectionName;
        var failures = new List<string>();
        if (!IsEntityId(options.Name))
        {
            failures.Add($"{S}:Name must be 1 to 64 characters of [a-z0-9_] (got '{options.Name}').");
        }

        if (options.Sha256.Length != 64 || !options.Sha256.All(char.IsAsciiHexDigit))
        {
            failures.Add($"{S}:Sha256 must be the model file's SHA-256 as 64 hex digits.");
        }

        if (options.Model != InferenceOptions.BuiltinModel && !File.Exists(options.Model))
        {
            failures.Add($"{S}:Model: the file '{options.Model}' does not exist.");
        }

        if (options.Version < 1)
        {
            failures.Add($"{S}:Version must be at least 1 (got {options.Version}).");
        }

        if (options.Engine is not ("auto" or "native" or "onnxruntime"))
        {
            failures.Add($"{S}:Engine must be auto, native or onnxruntime (got '{options.Engine}').");
        }

        if (options.Features.Count == 0)
        {
            failures.Add($"{S}:Features must name at least one reading.");
        }

        var available = FeatureKeys(manifest.Value);
        foreach (var feature in options.Features.Where(f => !available.Contains(f)))
        {
            failures.Add($"{S}:Features names '{feature}', which is no reading of this node's devices (known: {string.Join(", ", available.Order(StringComparer.Ordinal))}).");
        }

        if (options.Features.Distinct(StringComparer.Ordinal).Count() != options.Features.Count)
        {
            failures.Add($"{S}:Features names a reading twice.");
        }

        if (options.Window is < 1 or > MaxWindow)
        {
            failures.Add($"{S}:Window must be between 1 and {MaxWindow} (got {options.Window}).");
        }

        if (options.Interval < TimeSpan.FromMilliseconds(100) || options.Interval > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:Interval must be between 100 ms and 1 day (got {options.Interval}).");
        }

        if (options.Labels.Count < 2)
        {
            failures.Add($"{S}:Labels must name at least two classes, in the order of the model's output.");
        }
        else if (options.Labels.Any(l => !IsEntityId(l)) || options.Labels.Distinct(StringComparer.Ordinal).Count() != options.Labels.Count)
        {
            failures.Add($"{S}:Labels must be distinct and made of [a-z0-9_].");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The feature keys the manifest's devices provide (what <see cref="NodeDevices.Features"/> will hold).</summary>
    internal static HashSet<string> FeatureKeys(DeviceManifest manifest)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in manifest.Devices)
        {
            string[] channels = device.Kind switch
            {
                DeviceKind.Bme280 => ["temperature", "humidity", "pressure"],
                DeviceKind.Sht3x => ["temperature", "humidity"],
                DeviceKind.Scd4x => ["co2", "temperature", "humidity"],
                DeviceKind.Bh1750 => ["illuminance"],
                _ => [],
            };
            foreach (var channel in channels)
            {
                keys.Add($"{device.Id}.{channel}");
            }

            if (device.Kind is DeviceKind.Motion or DeviceKind.Contact)
            {
                keys.Add(device.Id);
            }
        }

        return keys;
    }

    internal static bool IsEntityId(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
