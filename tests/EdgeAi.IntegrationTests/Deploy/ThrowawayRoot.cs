namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// A copy-on-write clone of this machine's root file system to install packages into: an overlay mount with
/// <c>/</c> as the read-only lower layer and a tmpfs as the upper layer, inside a private mount namespace
/// (<c>unshare --mount</c>, needs root). dpkg and the maintainer scripts run for real in a chroot of it
/// (adduser edits the clone's /etc/passwd), and everything vanishes when the script ends.
/// </summary>
public static class ThrowawayRoot
{
    /// <summary>Runs <paramref name="script"/> (POSIX sh, <c>set -eu</c>) with <c>$ROOT</c> naming the clone.</summary>
    public static async Task<CommandResult> RunAsync(string script, TimeSpan timeout)
    {
        var mountPoint = Directory.CreateTempSubdirectory("edgeai-root-").FullName;
        try
        {
            const string Setup = """
                set -eu
                m=$1
                mount -t tmpfs -o mode=0755 tmpfs "$m"
                mkdir "$m/upper" "$m/work" "$m/root"
                mount -t overlay overlay -o "lowerdir=/,upperdir=$m/upper,workdir=$m/work" "$m/root"
                ROOT="$m/root"
                # The overlay does not carry the host's submounts: give the chroot its own /proc and the real /dev.
                mount -t proc proc "$ROOT/proc"
                mount --bind /dev "$ROOT/dev"
                rm -rf "$ROOT/var/lib/edgeai" "$ROOT/etc/edgeai"
                """;
            return await Command.RunAsync(
                "unshare",
                ["--mount", "--propagation", "private", "sh", "-c", Setup + "\n" + script, "throwaway-root", mountPoint],
                timeout);
        }
        finally
        {
            Directory.Delete(mountPoint, recursive: true);
        }
    }
}
