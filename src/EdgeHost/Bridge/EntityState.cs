namespace EdgeAi.EdgeHost.Bridge;

/// <summary>A retained state payload: on <c>.../&lt;entity&gt;/state</c> (attribute null) or <c>.../&lt;entity&gt;/&lt;attribute&gt;</c>.</summary>
/// <param name="Attribute">The attribute, or null for the main state topic.</param>
/// <param name="Payload">The payload.</param>
public readonly record struct EntityState(string? Attribute, string Payload);
