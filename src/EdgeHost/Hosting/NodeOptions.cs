namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Identity and storage of this node (configuration section <c>Node</c>).</summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Node";

    /// <summary>
    /// The node id used in every topic and Home Assistant unique id: 1 to 64 characters of
    /// <c>[a-zA-Z0-9_-]</c> (Home Assistant's rule for discovery topic segments). Defaults to the host name, sanitised.
    /// </summary>
    public string NodeId { get; set; } = NodeIdentity.FromHostName();

    /// <summary>Where the node keeps its state (created 0700 when missing).</summary>
    public string DataDirectory { get; set; } = string.Empty;
}
