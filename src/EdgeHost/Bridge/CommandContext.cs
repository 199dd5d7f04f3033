namespace EdgeAi.EdgeHost.Bridge;

/// <summary>Where a command came from, for the audit log.</summary>
/// <param name="Source">
/// The publishing client's id as the embedded broker vouches for it, or <c>unknown</c> on an external broker
/// (MQTT does not tell subscribers who published).
/// </param>
/// <param name="ReceivedAt">When the node received it.</param>
public sealed record CommandContext(string Source, DateTimeOffset ReceivedAt);
