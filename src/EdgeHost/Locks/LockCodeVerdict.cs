namespace EdgeAi.EdgeHost.Locks;

/// <summary>What <see cref="LockCodeVerifier"/> decided about one attempt.</summary>
public enum LockCodeVerdict
{
    /// <summary>The code is right; the command may proceed.</summary>
    Accepted,

    /// <summary>No code, or not 4 to 8 digits.</summary>
    Malformed,

    /// <summary>A well-formed code that is not this lock's.</summary>
    WrongCode,

    /// <summary>Too many wrong codes: every code is refused until the lockout ends.</summary>
    LockedOut,

    /// <summary>This lock has no code set, so it cannot be unlocked over MQTT (secure default).</summary>
    NoCodeConfigured,
}
