using EdgeAi.Cloud.Service.Auth;

namespace EdgeAi.Cloud.Service.Cli;

/// <summary><c>token create NAME --tokens-file FILE</c>: prints a new token once and stores only its hash.</summary>
internal static class TokenCreateCommand
{
    /// <summary>Runs the command; the token is the only line on stdout.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? name = null, file = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--tokens-file" && i + 1 < args.Count)
            {
                file = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal) && name is null)
            {
                name = args[i];
            }
            else
            {
                throw new UsageException($"unexpected argument '{args[i]}' for token create");
            }
        }

        if (name is null || file is null)
        {
            throw new UsageException("usage: token create NAME --tokens-file FILE");
        }

        try
        {
            var token = TokensFile.Create(file, name);
            stdout.WriteLine(token);
            stderr.WriteLine($"Token '{name}' added to {file} (only its SHA-256 is stored; this is the only time it is shown).");
            return 0;
        }
        catch (Exception e) when (e is TokensFileFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
