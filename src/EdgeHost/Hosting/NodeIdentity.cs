using System.Text;
using System.Text.RegularExpressions;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Node ids: what is allowed and how a host name becomes one.</summary>
public static partial class NodeIdentity
{
    /// <summary>Longest accepted node id.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="nodeId"/> may be used as a topic segment and in Home Assistant unique ids.</summary>
    public static bool IsValid(string? nodeId) => nodeId is not null && ValidId().IsMatch(nodeId);

    /// <summary>The machine's host name made into a valid node id (lower case, other characters as <c>_</c>).</summary>
    public static string FromHostName() => Sanitise(Environment.MachineName);

    /// <summary>Lower-cases <paramref name="name"/>, replaces characters outside <c>[a-z0-9_-]</c> and truncates.</summary>
    public static string Sanitise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (builder.Length == MaxLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.Length == 0 ? "edgeai" : builder.ToString();
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ValidId();
}
