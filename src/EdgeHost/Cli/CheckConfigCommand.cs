using System.CommandLine;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Cli;

/// <summary>
/// <c>edgeai check-config FILE</c>: validates a configuration and device manifest as <c>edgeai run</c> would, without
/// touching any hardware, and lists how every device is wired. Exit 0 when valid, 2 with each problem named.
/// </summary>
internal static class CheckConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The JSON configuration and device manifest to check." };
        var command = new Command("check-config", "Validate a configuration and device manifest without touching hardware.") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var path = result.GetValue(file)!.FullName;
            var (host, failures) = await NodeCommand.BuildValidatedAsync(new NodeHostSettings { Mode = NodeMode.Run, ConfigFile = path }, error).ConfigureAwait(false);
            if (host is null)
            {
                return EdgeAiCommandLine.ConfigurationError;
            }

            using (host)
            {
                if (failures.Count > 0)
                {
                    await error.WriteLineAsync($"{path}: {failures.Count} problem(s)").ConfigureAwait(false);
                    return EdgeAiCommandLine.ConfigurationError;
                }

                var manifest = host.Services.GetRequiredService<IOptions<DeviceManifest>>().Value;
                var (_, devices) = ManifestValidator.Validate(manifest);
                var board = BoardMap.Load(manifest.Board)!;
                await output.WriteLineAsync($"{path}: valid; board {board.Name}, {devices.Count} device(s)").ConfigureAwait(false);
                foreach (var device in devices)
                {
                    var wiring = string.Join(", ", device.Lines.Select(l => $"{(l.Key == ResolvedDevice.PrimaryRole ? string.Empty : l.Key + " ")}{board.Describe(l.Value)}"));
                    if (device.Pwm is { } pwm)
                    {
                        wiring += $", pwmchip{pwm.Chip} channel {pwm.Channel}";
                    }

                    if (DeviceKind.IsI2c(device.Options.Kind))
                    {
                        wiring = $"I2C bus {device.Options.Bus} address 0x{device.Options.Address:X2}";
                    }

                    await output.WriteLineAsync($"  {device.Options.Id} ({device.Options.Kind}): {wiring}").ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
