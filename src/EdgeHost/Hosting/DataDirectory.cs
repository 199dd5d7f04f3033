namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Default locations and creation of the node's data directory.</summary>
public static class DataDirectory
{
    /// <summary>Where <c>edgeai run</c> keeps state: systemd's <c>StateDirectory=edgeai</c>.</summary>
    public const string ServiceDefault = "/var/lib/edgeai";

    /// <summary>
    /// Where <c>edgeai simulate</c> keeps state: <c>$XDG_STATE_HOME/edgeai</c>, or <c>~/.local/state/edgeai</c>
    /// (the XDG base directory spec's default for state that outlives a restart).
    /// </summary>
    public static string SimulationDefault()
    {
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(stateHome) || !Path.IsPathRooted(stateHome))
        {
            stateHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(stateHome, "edgeai");
    }

    /// <summary>Creates <paramref name="path"/> readable by the owner only, when it does not exist yet.</summary>
    public static void Ensure(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
