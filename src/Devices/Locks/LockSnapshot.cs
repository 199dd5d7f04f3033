namespace EdgeAi.Devices.Locks;

/// <summary>A snapshot of a lock, everything a host publishes.</summary>
/// <param name="State">The lock state.</param>
/// <param name="BoltThrown">What the bolt switch says now.</param>
/// <param name="DoorOpen">What the door contact says now (false without a door contact).</param>
/// <param name="Since">When <paramref name="State"/> was entered.</param>
public sealed record LockSnapshot(LockState State, bool BoltThrown, bool DoorOpen, DateTimeOffset Since)
{
    /// <summary>The door stands open while the bolt is thrown: it was forced, or the frame is broken.</summary>
    public bool DoorOpenWhileBoltThrown => DoorOpen && BoltThrown;
}
