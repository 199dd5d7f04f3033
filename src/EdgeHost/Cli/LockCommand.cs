using System.CommandLine;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.EdgeHost.Locks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Cli;

/// <summary>
/// <c>edgeai lock set-code ENTITY --data-dir DIR [--config FILE]</c>: reads a 4 to 8 digit code from standard input
/// (so it is in no shell history or process list) and stores only its salted hash for that lock. Without
/// <c>--config</c> the built-in demo house is meant. A running node picks the new code up at the next attempt.
/// </summary>
internal static class LockCommand
{
    public static Command Create()
    {
        var entity = new Argument<string>("ENTITY") { Description = "The lock's entity id (as in its topics, e.g. front_door)." };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "The node's data directory.", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "The node's configuration; without it the built-in demo house is meant." };
        var setCode = new Command("set-code", "Set a lock's code, read from standard input; only a salted hash is stored.") { entity, dataDir, config };
        setCode.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            var id = result.GetValue(entity)!;
            var directory = result.GetValue(dataDir)!.FullName;
            var settings = new NodeHostSettings { Mode = result.GetValue(config) is null ? NodeMode.Simulate : NodeMode.Run, ConfigFile = result.GetValue(config)?.FullName };
            settings.Overrides[$"{NodeOptions.SectionName}:DataDirectory"] = directory;
            var (host, failures) = await NodeCommand.BuildValidatedAsync(settings, error).ConfigureAwait(false);
            if (host is null || failures.Count > 0)
            {
                host?.Dispose();
                return EdgeAiCommandLine.ConfigurationError;
            }

            using (host)
            {
                var locks = host.Services.GetRequiredService<IOptions<DeviceManifest>>().Value.Devices.Where(d => d.Kind == DeviceKind.Lock).Select(d => d.Id).ToList();
                if (!locks.Contains(id, StringComparer.Ordinal))
                {
                    await error.WriteLineAsync($"edgeai: there is no lock '{id}' in the manifest (locks: {(locks.Count == 0 ? "none" : string.Join(", ", locks))}).").ConfigureAwait(false);
                    return EdgeAiCommandLine.ConfigurationError;
                }

                var code = (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r');
                if (!LockCodeFormat.IsValid(code))
                {
                    await error.WriteLineAsync("edgeai: a lock code is 4 to 8 digits, read from standard input; nothing was changed.").ConfigureAwait(false);
                    return EdgeAiCommandLine.ConfigurationError;
                }

                DataDirectory.Ensure(directory);
                var store = new LockCodeStore(directory);
                store.Set(id, code!);
                await result.InvocationConfiguration.Output.WriteLineAsync($"Code set for lock '{id}'; only its salted hash is stored, in {store.Path}.").ConfigureAwait(false);
                return 0;
            }
        });
        return new Command("lock", "Lock administration.") { setCode };
    }
}
