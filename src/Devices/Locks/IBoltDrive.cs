namespace EdgeAi.Devices.Locks;

/// <summary>What moves a bolt: a relay, a servo, a motor driver.</summary>
/// <remarks>
/// Only <see cref="LockController"/> calls it, one call at a time, and only on a user's command: a drive never moves on
/// its own and does nothing when it is created.
/// </remarks>
public interface IBoltDrive
{
    /// <summary>Starts moving the bolt toward <paramref name="position"/>; returns without waiting for it to arrive.</summary>
    void Drive(BoltPosition position);

    /// <summary>Stops pushing (after a jam) without commanding another position, where the hardware allows it.</summary>
    void StopPushing();
}
