namespace EdgeAi.EdgeHost.Bridge;

/// <summary>The outcome of a command: accepted, or rejected with a reason for the error topic.</summary>
public readonly record struct CommandResult(bool Accepted, string? Reason)
{
    /// <summary>The command was valid and executed.</summary>
    public static CommandResult Ok { get; } = new(true, null);

    /// <summary>The command was refused; nothing moved.</summary>
    public static CommandResult Rejected(string reason) => new(false, reason);
}
