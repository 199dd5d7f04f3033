using System.CommandLine;
using EdgeAi.EdgeHost.Hosting;

namespace EdgeAi.EdgeHost.Cli;

/// <summary>The <c>edgeai</c> command line.</summary>
public static class EdgeAiCommandLine
{
    /// <summary>Exit code for a configuration the node refuses to start with.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Exit code for a start-up failure other than configuration (a port in use, a missing device).</summary>
    public const int StartupFailure = 1;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("EdgeAi: the edge runtime for smart homes and smart cities.")
        {
            NodeCommand.Create(NodeMode.Simulate),
            NodeCommand.Create(NodeMode.Run),
            CheckConfigCommand.Create(),
            LockCommand.Create(),
            Model.ModelCommand.Create(),
        };

        // The Generic Host owns SIGINT/SIGTERM (and systemd's stop), so the parser must not install its own
        // handler that would kill the process before the node has published "offline" and parked its pins.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(invocation);
    }
}
