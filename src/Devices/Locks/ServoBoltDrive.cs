using System.Device.Pwm;

namespace EdgeAi.Devices.Locks;

/// <summary>
/// A bolt moved by a hobby servo on a <see cref="PwmChannel"/>: a 50 Hz pulse train whose width sets the angle
/// (typically 1 ms at one end and 2 ms at the other).
/// </summary>
/// <remarks>
/// Nothing is sent until the first <see cref="Drive"/>, so a restart never moves the bolt. <see cref="StopPushing"/> stops the
/// pulses, which lets a stalled servo rest instead of burning against the obstruction. The channel is not owned.
/// </remarks>
public sealed class ServoBoltDrive : IBoltDrive
{
    private const int ServoFrequency = 50;

    private readonly PwmChannel _channel;
    private readonly double _thrownDutyCycle;
    private readonly double _retractedDutyCycle;

    /// <summary>Creates the drive; it sends nothing yet.</summary>
    /// <param name="channel">The PWM channel the servo signal wire is on.</param>
    /// <param name="thrownPulse">Pulse width that puts the bolt in the thrown position.</param>
    /// <param name="retractedPulse">Pulse width that puts the bolt in the retracted position.</param>
    public ServoBoltDrive(PwmChannel channel, TimeSpan thrownPulse, TimeSpan retractedPulse)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ThrowIfNotServoPulse(thrownPulse, nameof(thrownPulse));
        ThrowIfNotServoPulse(retractedPulse, nameof(retractedPulse));
        _channel = channel;
        var period = TimeSpan.FromSeconds(1.0 / ServoFrequency);
        _thrownDutyCycle = thrownPulse / period;
        _retractedDutyCycle = retractedPulse / period;
    }

    /// <inheritdoc />
    public void Drive(BoltPosition position)
    {
        _channel.Frequency = ServoFrequency;
        _channel.DutyCycle = position == BoltPosition.Thrown ? _thrownDutyCycle : _retractedDutyCycle;
        _channel.Start();
    }

    /// <inheritdoc />
    public void StopPushing() => _channel.Stop();

    private static void ThrowIfNotServoPulse(TimeSpan pulse, string name)
    {
        // Hobby servos take 0.5..2.5 ms pulses; anything else is a configuration error, not an angle.
        if (pulse < TimeSpan.FromMilliseconds(0.5) || pulse > TimeSpan.FromMilliseconds(2.5))
        {
            throw new ArgumentOutOfRangeException(name, pulse, "A servo pulse is 0.5 to 2.5 ms.");
        }
    }
}
