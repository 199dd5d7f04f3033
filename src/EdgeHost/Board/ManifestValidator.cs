using System.Text.RegularExpressions;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// Checks a manifest against its board map before anything is opened, and resolves header pins to lines.
/// Every failure names the configuration key or the devices and pin involved: a pin used twice, an I2C pin used
/// as GPIO, PWM on a pin that cannot do it, an output on an input-only line, a pin that is power or ground, an
/// I2C address used twice, a thermostat without a temperature sensor.
/// </summary>
public static partial class ManifestValidator
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional, string[] Outputs)> Roles = new(StringComparer.Ordinal)
    {
        [DeviceKind.Lock] = (["bolt", "bolt_switch", "door"], [], ["bolt"]),
        [DeviceKind.Thermostat] = (["heater"], ["cooler"], ["heater", "cooler"]),
        [DeviceKind.Streetlight] = ([], ["motion"], []),
    };

    /// <summary>Validates <paramref name="manifest"/>; returns the failures and, when there are none, the resolved devices.</summary>
    public static (IReadOnlyList<string> Failures, IReadOnlyList<ResolvedDevice> Devices) Validate(DeviceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var failures = new List<string>();
        var board = string.IsNullOrEmpty(manifest.Board) ? null : BoardMap.Load(manifest.Board);
        if (board is null)
        {
            failures.Add($"Board:Name must be one of {string.Join(", ", BoardMap.Known)} (got '{manifest.Board}').");
            return (failures, []);
        }

        var resolved = new List<ResolvedDevice>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Devices.Count; i++)
        {
            var device = manifest.Devices[i];
            var key = $"Devices:{i}";
            if (!DeviceKind.All.Contains(device.Kind, StringComparer.Ordinal))
            {
                failures.Add($"{key}:Kind must be one of {string.Join(", ", DeviceKind.All)} (got '{device.Kind}').");
                continue;
            }

            if (!EntityId().IsMatch(device.Id))
            {
                failures.Add($"{key}:Id must be 1 to 64 characters of [a-z0-9_] (got '{device.Id}').");
            }
            else if (!ids.TryAdd(device.Id, key))
            {
                failures.Add($"{key}:Id '{device.Id}' is already used by {ids[device.Id]}.");
            }

            if (string.IsNullOrWhiteSpace(device.Name))
            {
                failures.Add($"{key}:Name must be set.");
            }

            var lines = ResolveLines(board, device, key, failures);
            var pwm = IsPwmKind(device.Kind) ? ResolvePwm(board, device, key, lines, failures) : null;
            CheckKindSettings(device, key, manifest, failures);
            resolved.Add(new ResolvedDevice(device, i, lines, pwm));
        }

        CheckConflicts(board, resolved, failures);
        return failures.Count == 0 ? (failures, resolved) : (failures, []);
    }

    private static bool IsPwmKind(string kind) => kind is DeviceKind.DimmableLight or DeviceKind.Streetlight;

    private static bool HasPrimaryPin(string kind) => kind is DeviceKind.Light or DeviceKind.Motion or DeviceKind.Contact or DeviceKind.DimmableLight or DeviceKind.Streetlight;

    private static Dictionary<string, int> ResolveLines(BoardMap board, DeviceOptions device, string key, List<string> failures)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        if (HasPrimaryPin(device.Kind))
        {
            if (device.Pin is not null && device.Header is not null)
            {
                failures.Add($"{key}: give Pin or Header, not both.");
            }
            else if (Resolve(board, device.Pin, device.Header, $"{key}:{(device.Header is null ? "Pin" : "Header")}", failures) is { } line)
            {
                lines[ResolvedDevice.PrimaryRole] = line;
            }
            else if (device.Pin is null && device.Header is null)
            {
                failures.Add($"{key}:Pin (or Header) must be set for a {device.Kind}.");
            }
        }

        var (required, optional, _) = Roles.GetValueOrDefault(device.Kind, ([], [], []));
        foreach (var role in device.Pins.Keys.Concat(device.Headers.Keys).Distinct(StringComparer.Ordinal))
        {
            if (!required.Contains(role) && !optional.Contains(role))
            {
                failures.Add($"{key}:Pins:{role} is not a pin of a {device.Kind}{(required.Length + optional.Length > 0 ? $" (its pins: {string.Join(", ", required.Concat(optional))})" : string.Empty)}.");
                continue;
            }

            if (device.Pins.ContainsKey(role) && device.Headers.ContainsKey(role))
            {
                failures.Add($"{key}: give Pins:{role} or Headers:{role}, not both.");
                continue;
            }

            var pinKey = device.Pins.ContainsKey(role) ? $"{key}:Pins:{role}" : $"{key}:Headers:{role}";
            if (Resolve(board, device.Pins.TryGetValue(role, out var p) ? p : null, device.Headers.TryGetValue(role, out var h) ? h : null, pinKey, failures) is { } line)
            {
                lines[role] = line;
            }
        }

        foreach (var role in required.Where(r => !device.Pins.ContainsKey(r) && !device.Headers.ContainsKey(r)))
        {
            failures.Add($"{key}:Pins:{role} must be set for a {device.Kind}.");
        }

        return lines;
    }

    private static int? Resolve(BoardMap board, int? line, int? header, string key, List<string> failures)
    {
        if (header is { } pin)
        {
            if (board.Power.Contains(pin))
            {
                failures.Add($"{key}: header pin {pin} is power or ground on {board.Name}.");
                return null;
            }

            if (!board.Header.TryGetValue(pin, out var mapped))
            {
                failures.Add($"{key}: header pin {pin} is not a GPIO on {board.Name}.");
                return null;
            }

            return mapped;
        }

        if (line is { } l)
        {
            if (l < 0 || l >= board.GpioLines)
            {
                failures.Add($"{key} must be a line between 0 and {board.GpioLines - 1} of gpiochip{board.GpioChip} on {board.Name} (got {l}).");
                return null;
            }

            return l;
        }

        return null;
    }

    private static PwmPins? ResolvePwm(BoardMap board, DeviceOptions device, string key, Dictionary<string, int> lines, List<string> failures)
    {
        if (!lines.TryGetValue(ResolvedDevice.PrimaryRole, out var line))
        {
            return null;
        }

        var candidates = board.Pwm.Where(p => p.Lines.Contains(line)).ToList();
        if (candidates.Count == 0)
        {
            failures.Add($"{key}: {board.Describe(line)} cannot do hardware PWM on {board.Name} (PWM lines: {string.Join(", ", board.Pwm.SelectMany(p => p.Lines).Distinct().Select(board.Describe))}).");
            return null;
        }

        if (device.PwmChip is null && device.PwmChannel is null)
        {
            return candidates[0];
        }

        var match = candidates.FirstOrDefault(p => p.Chip == device.PwmChip && p.Channel == device.PwmChannel);
        if (match is null)
        {
            failures.Add($"{key}: PWM chip {device.PwmChip} channel {device.PwmChannel} does not drive {board.Describe(line)} on {board.Name}.");
        }

        return match;
    }

    private static void CheckKindSettings(DeviceOptions device, string key, DeviceManifest manifest, List<string> failures)
    {
        switch (device.Kind)
        {
            case DeviceKind.Contact when device.Class is not ("door" or "window"):
                failures.Add($"{key}:Class must be door or window (got '{device.Class}').");
                break;
            case DeviceKind.Thermostat:
                var sensor = manifest.Devices.FirstOrDefault(d => d.Id == device.Sensor);
                if (sensor is null || !DeviceKind.IsTemperatureSensor(sensor.Kind))
                {
                    failures.Add($"{key}:Sensor must be the id of a bme280 or sht3x in the manifest (got '{device.Sensor}').");
                }

                if (!(device.MinTemp < device.MaxTemp) || !double.IsFinite(device.MinTemp) || !double.IsFinite(device.MaxTemp))
                {
                    failures.Add($"{key}:MinTemp must be below MaxTemp (got {device.MinTemp} and {device.MaxTemp}).");
                }

                if (!(device.Hysteresis > 0 && device.Hysteresis <= 5))
                {
                    failures.Add($"{key}:Hysteresis must be above 0 and at most 5 °C (got {device.Hysteresis}).");
                }

                if (!(device.TempStep > 0))
                {
                    failures.Add($"{key}:TempStep must be above 0 (got {device.TempStep}).");
                }

                if (device.MinimumCycle <= TimeSpan.Zero || device.MaximumRunTime <= device.MinimumCycle || device.StaleAfter <= TimeSpan.Zero)
                {
                    failures.Add($"{key}: MinimumCycle, MaximumRunTime and StaleAfter must be positive, and MaximumRunTime longer than MinimumCycle.");
                }

                break;
            case DeviceKind.Lock when device.ConfirmTimeout <= TimeSpan.Zero || device.ConfirmTimeout > TimeSpan.FromMinutes(1):
                failures.Add($"{key}:ConfirmTimeout must be between 0 and 1 minute (got {device.ConfirmTimeout}).");
                break;
            case DeviceKind.DimmableLight or DeviceKind.Streetlight:
                if (!(device.Gamma >= 1 && device.Gamma <= 4))
                {
                    failures.Add($"{key}:Gamma must be between 1 and 4 (got {device.Gamma}).");
                }

                if (!(device.MinDuty >= 0 && device.MinDuty < 1))
                {
                    failures.Add($"{key}:MinDuty must be at least 0 and below 1 (got {device.MinDuty}).");
                }

                if (device.Kind == DeviceKind.Streetlight && !(device.NightLevel >= 0 && device.NightLevel <= 100))
                {
                    failures.Add($"{key}:NightLevel must be between 0 and 100 (got {device.NightLevel}).");
                }

                break;
            case var kind when DeviceKind.IsI2c(kind):
                if (device.Address is not (>= 0x08 and <= 0x77))
                {
                    failures.Add($"{key}:Address must be a 7-bit I2C address from 0x08 to 0x77 (got {device.Address?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
                }

                if (!(device.PollSeconds >= 1 && device.PollSeconds <= 3600))
                {
                    failures.Add($"{key}:PollSeconds must be between 1 and 3600 (got {device.PollSeconds}).");
                }

                break;
        }
    }

    private static void CheckConflicts(BoardMap board, List<ResolvedDevice> devices, List<string> failures)
    {
        var owners = new Dictionary<int, string>();
        foreach (var device in devices)
        {
            var (_, _, outputs) = Roles.GetValueOrDefault(device.Options.Kind, ([], [], []));
            foreach (var (role, line) in device.Lines)
            {
                var who = $"{device.Options.Kind} '{device.Options.Id}' (Devices:{device.Index}{(role == ResolvedDevice.PrimaryRole ? string.Empty : $", {role}")})";
                if (owners.TryGetValue(line, out var first))
                {
                    failures.Add($"{board.Describe(line)} is used by both {first} and {who}.");
                }
                else
                {
                    owners[line] = who;
                }

                var isOutput = outputs.Contains(role) || (role == ResolvedDevice.PrimaryRole && device.Options.Kind is DeviceKind.Light or DeviceKind.DimmableLight or DeviceKind.Streetlight);
                if (isOutput && board.InputOnly.Contains(line))
                {
                    failures.Add($"{who} drives {board.Describe(line)}, which is input-only on {board.Name}.");
                }
            }
        }

        var addresses = new Dictionary<(int Bus, int Address), string>();
        foreach (var device in devices.Where(d => DeviceKind.IsI2c(d.Options.Kind)))
        {
            var who = $"{device.Options.Kind} '{device.Options.Id}' (Devices:{device.Index})";
            var bus = board.I2c.FirstOrDefault(b => b.Bus == device.Options.Bus);
            if (bus is null)
            {
                failures.Add($"Devices:{device.Index}:Bus {device.Options.Bus} is not an I2C bus on the header of {board.Name} (buses: {string.Join(", ", board.I2c.Select(b => b.Bus))}).");
                continue;
            }

            if (device.Options.Address is { } address && !addresses.TryAdd((bus.Bus, address), who))
            {
                failures.Add($"I2C address 0x{address:X2} on bus {bus.Bus} is used by both {addresses[(bus.Bus, address)]} and {who}.");
            }

            foreach (var (signal, line) in new[] { ("SDA", bus.Sda), ("SCL", bus.Scl) })
            {
                if (line is { } l && owners.TryGetValue(l, out var gpioUser))
                {
                    failures.Add($"{board.Describe(l)} is I2C bus {bus.Bus} {signal}, used by {who}, and cannot also be a GPIO of {gpioUser}.");
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex EntityId();
}
