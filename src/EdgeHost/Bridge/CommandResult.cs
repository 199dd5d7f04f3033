namespace EdgeAi.EdgeHost.Bridge;

/// <summary>The outcome of a command: accepted, or rejected with a reason for the error topic.</summary>
public readonly record struct CommandResult(bool Accepted, string? Reason)
{
    /// <summary>The command was valid and executed.</summary>
    public static CommandResult Ok { get; } = new(true, null);

    /// <summary>Why the command was refused, for metrics; <see cref="CommandRejection.None"/> when accepted or not classified.</summary>
    public CommandRejection Rejection { get; init; }

    /// <summary>The command was refused; nothing moved.</summary>
    public static CommandResult Rejected(string reason) => new(false, reason);

    /// <summary>The command was refused for a known class of reason; nothing moved.</summary>
    public static CommandResult Rejected(string reason, CommandRejection rejection) => new(false, reason) { Rejection = rejection };
}
