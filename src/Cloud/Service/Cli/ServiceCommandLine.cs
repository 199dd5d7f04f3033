namespace EdgeAi.Cloud.Service.Cli;

/// <summary>The executable's commands: <c>serve</c> and <c>token create</c>.</summary>
internal static class ServiceCommandLine
{
    private const string Usage = """
        usage:
          edgeai-model-service serve --model-repository DIR [--urls http://127.0.0.1:8000]
                                     (--tokens-file FILE | --insecure-no-auth) [--max-request-bytes N]
                                     [--telemetry-db FILE]
          edgeai-model-service token create NAME --tokens-file FILE
        """;

    /// <summary>Runs the command <paramref name="args"/> names; returns the exit code (2 for usage errors).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        try
        {
            switch (args)
            {
                case ["serve", .. var rest]:
                    await ServeCommand.RunAsync(ServeOptions.Parse(rest), cancellationToken).ConfigureAwait(false);
                    return 0;
                case ["token", "create", .. var rest]:
                    return TokenCreateCommand.Run(rest, Console.Out, Console.Error);
                case ["--help" or "-h" or "help"]:
                    await Console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"edgeai-model-service: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
