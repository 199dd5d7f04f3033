namespace EdgeAi.EdgeHost.HomeAssistant;

/// <summary>One discovery document: published retained on <c>&lt;prefix&gt;/&lt;component&gt;/&lt;node-id&gt;/&lt;object-id&gt;/config</c>.</summary>
/// <param name="Component">Home Assistant platform: <c>light</c>, <c>lock</c>, <c>climate</c>, <c>sensor</c>, <c>binary_sensor</c>.</param>
/// <param name="ObjectId">Object id, unique within the node (also the suffix of the unique id).</param>
/// <param name="Payload">The JSON document.</param>
public sealed record DiscoveryConfig(string Component, string ObjectId, string Payload);
