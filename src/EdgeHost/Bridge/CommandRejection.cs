namespace EdgeAi.EdgeHost.Bridge;

/// <summary>Why a command was refused, as a class small enough to be a metric label.</summary>
public enum CommandRejection
{
    /// <summary>Not classified by the entity; the bridge counts it as <see cref="Device"/>.</summary>
    None = 0,

    /// <summary>The payload failed the command schema, or a value was out of the device's range.</summary>
    Validation,

    /// <summary>A lock code was missing, malformed or wrong.</summary>
    Code,

    /// <summary>A lock refuses every code after too many wrong ones.</summary>
    Lockout,

    /// <summary>The device refused or failed to act.</summary>
    Device,
}
