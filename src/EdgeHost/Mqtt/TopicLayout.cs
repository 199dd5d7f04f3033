namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>
/// The node's topic names (see ARCHITECTURE.md, "MQTT"). Every command topic ends in <c>/set</c> and is never
/// retained by us; states and availability are retained.
/// </summary>
/// <param name="BaseTopic">First segment, <c>edgeai</c> by default.</param>
/// <param name="NodeId">This node's id.</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix.</param>
public sealed record TopicLayout(string BaseTopic, string NodeId, string DiscoveryPrefix)
{
    /// <summary>Availability: retained <c>online</c>/<c>offline</c>, also the last will.</summary>
    public string Status => $"{BaseTopic}/{NodeId}/status";

    /// <summary>Home Assistant's own birth and last-will topic.</summary>
    public string HomeAssistantStatus => $"{DiscoveryPrefix}/status";

    /// <summary>Retained state of an entity (<c>.../state</c>), or of one of its attributes (<c>.../&lt;attribute&gt;</c>).</summary>
    public string State(string entityId, string? attribute = null) =>
        attribute is null ? $"{BaseTopic}/{NodeId}/{entityId}/state" : $"{BaseTopic}/{NodeId}/{entityId}/{attribute}";

    /// <summary>Command topic of an entity (<c>.../set</c>) or of one of its attributes (<c>.../&lt;attribute&gt;/set</c>).</summary>
    public string Command(string entityId, string? attribute = null) =>
        attribute is null ? $"{BaseTopic}/{NodeId}/{entityId}/set" : $"{BaseTopic}/{NodeId}/{entityId}/{attribute}/set";

    /// <summary>Bridge request topic for an operation.</summary>
    public string BridgeRequest(string operation) => $"{BaseTopic}/{NodeId}/bridge/request/{operation}";

    /// <summary>Bridge response topic for an operation.</summary>
    public string BridgeResponse(string operation) => $"{BaseTopic}/{NodeId}/bridge/response/{operation}";

    /// <summary>Where a rejected command's reason is published (not retained).</summary>
    public string Error(string entityId) => $"{BaseTopic}/{NodeId}/{entityId}/error";

    /// <summary>Discovery config topic: <c>&lt;prefix&gt;/&lt;component&gt;/&lt;node-id&gt;/&lt;entity&gt;/config</c>.</summary>
    public string Discovery(string component, string entityId) => $"{DiscoveryPrefix}/{component}/{NodeId}/{entityId}/config";
}
