using EdgeAi.Devices.Actuators;

namespace EdgeAi.Devices.Locks;

/// <summary>
/// A bolt held by a relay: a solenoid or an electric bolt that sits in one position while energized and in the other
/// when not.
/// </summary>
/// <remarks>
/// Open the relay in the state that matches the bolt switch (<see cref="RelayStateFor"/>), so a restart on a real board
/// does not move the bolt. The relay decides the position, so <see cref="StopPushing"/> cannot stop pushing without moving the bolt: it leaves the
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

    /// <summary>
    /// The relay state that holds the bolt where the bolt switch says it is: pass it as the relay's initial state when
    /// the node starts.
    /// </summary>
    /// <param name="boltThrown">What the bolt switch says now.</param>
    /// <param name="energizedPosition">Where the bolt is while the relay is on.</param>
    public static bool RelayStateFor(bool boltThrown, BoltPosition energizedPosition = BoltPosition.Thrown) =>
        boltThrown == (energizedPosition == BoltPosition.Thrown);

    /// <inheritdoc />
    public void Drive(BoltPosition position) => _relay.Set(position == _energizedPosition);

    /// <inheritdoc />
    public void StopPushing()
    {
        // Switching the relay would move the bolt: leave it, the lock reports JAMMED.
    }
}
