namespace EdgeAi.Devices.Locks;

/// <summary>Timing and rules of a <see cref="LockController"/>.</summary>
public sealed record LockOptions
{
    /// <summary>How long the bolt has to confirm a commanded position before the lock reports JAMMED (default 3 s).</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether a lock command is refused while the door stands open (default true: the bolt would hit the frame).</summary>
    public bool RefuseLockWhileDoorOpen { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ConfirmTimeout <= TimeSpan.Zero || ConfirmTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"Lock option {nameof(ConfirmTimeout)}: {ConfirmTimeout} is not within (0, 1 min].", nameof(ConfirmTimeout));
        }
    }
}
