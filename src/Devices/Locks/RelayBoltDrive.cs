using EdgeAi.Devices.Actuators;

namespace EdgeAi.Devices.Locks;

/// <summary>
/// A bolt held by a relay: a solenoid or an electric bolt that sits in one position while energized and in the other
/// when not.
/// </summary>
/// <remarks>
/// The relay decides the position, so <see cref="StopPushing"/> cannot stop pushing without moving the bolt: it leaves the
/// relay as it is. Disposing the relay drives its off level, which moves the bolt to the hardware's unpowered position
/// (fail-secure or fail-safe by design): the host disposes it only when it shuts the lock down.
/// </remarks>
public sealed class RelayBoltDrive : IBoltDrive
{
    private readonly Relay _relay;
    private readonly BoltPosition _energizedPosition;

    /// <summary>Creates the drive; it does not touch the relay.</summary>
    /// <param name="relay">The relay (not owned).</param>
    /// <param name="energizedPosition">Where the bolt is while the relay is on.</param>
    public RelayBoltDrive(Relay relay, BoltPosition energizedPosition = BoltPosition.Thrown)
    {
        ArgumentNullException.ThrowIfNull(relay);
        if (!Enum.IsDefined(energizedPosition))
        {
            throw new ArgumentOutOfRangeException(nameof(energizedPosition), energizedPosition, "Retracted or Thrown.");
        }

        _relay = relay;
        _energizedPosition = energizedPosition;
    }

    /// <inheritdoc />
    public void Drive(BoltPosition position) => _relay.Set(position == _energizedPosition);

    /// <inheritdoc />
    public void StopPushing()
    {
        // Switching the relay would move the bolt: leave it, the lock reports JAMMED.
    }
}
