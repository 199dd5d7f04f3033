using EdgeAi.EdgeHost.Commands;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>A command topic of an entity: <c>.../&lt;entity&gt;/set</c> (attribute null) or <c>.../&lt;entity&gt;/&lt;attribute&gt;/set</c>.</summary>
/// <param name="Attribute">The attribute, or null for the entity's main command topic.</param>
/// <param name="Schema">What the payload must be.</param>
public sealed record EntityCommand(string? Attribute, CommandSchema Schema);
