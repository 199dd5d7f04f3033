using EdgeAi.Devices.Sensors.Sensirion;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// A simulated Sensirion SHT3x-DIS: single shot (no clock stretching) and periodic acquisition, fetch data, break and
/// soft reset (datasheet sections 4.3-4.9), answering with CRC-8 protected words computed from the true
/// <see cref="Temperature"/> and <see cref="Humidity"/>.
/// </summary>
/// <remarks>
/// As on the part, a read with no measurement present is not acknowledged: before a single shot has finished
/// (section 4.4, no clock stretching), and in periodic mode before the next measurement after a fetch (section 4.6).
/// Periodic measurement n (from 1) completes n periods after the start command. Unknown commands are NACKed.
/// </remarks>
public sealed class SimulatedSht3x : SimulatedI2cChip
{
    private static readonly TimeSpan TypicalMeasurementDuration = TimeSpan.FromMilliseconds(12.5);

    private readonly TimeProvider _timeProvider;
    private double _celsius = 21.0;
    private double _percent = 45.0;
    private DateTimeOffset? _singleShotDoneAt;
    private DateTimeOffset? _periodicStart;
    private TimeSpan _period;
    private long _fetchedMeasurements;
    private bool _fetchPending;

    /// <summary>Creates the chip idle in single shot mode.</summary>
    public SimulatedSht3x(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The true temperature at the sensor, °C.</summary>
    public double Temperature
    {
        get { lock (Gate) { return _celsius; } }
        set { lock (Gate) { _celsius = value; } }
    }

    /// <summary>The true relative humidity at the sensor, %.</summary>
    public double Humidity
    {
        get { lock (Gate) { return _percent; } }
        set { lock (Gate) { _percent = value; } }
    }

    /// <summary>Whether periodic acquisition is running.</summary>
    public bool IsPeriodic
    {
        get { lock (Gate) { return _periodicStart is not null; } }
    }

    /// <inheritdoc />
    protected internal override void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.Length != 2)
        {
            throw Nack($"a command is 2 bytes, got {data.Length}");
        }

        var command = (ushort)((data[0] << 8) | data[1]);
        var now = _timeProvider.GetUtcNow();
        _fetchPending = false;
        switch (command)
        {
            case 0x2400 or 0x240B or 0x2416 or 0x2C06 or 0x2C0D or 0x2C10:
                _singleShotDoneAt = now + TypicalMeasurementDuration;
                break;
            case 0xE000:
                _fetchPending = true;
                break;
            case 0x3093:
                _periodicStart = null;
                break;
            case 0x30A2:
                _periodicStart = null;
                _singleShotDoneAt = null;
                break;
            default:
                var period = PeriodOf(command)
                    ?? throw Nack($"unknown command 0x{command:X4}");
                _periodicStart = now;
                _period = period;
                _fetchedMeasurements = 0;
                _singleShotDoneAt = null;
                break;
        }
    }

    /// <inheritdoc />
    protected internal override void OnRead(Span<byte> buffer)
    {
        var now = _timeProvider.GetUtcNow();
        if (_periodicStart is { } start)
        {
            var completed = (now - start).Ticks / _period.Ticks;
            if (!_fetchPending || completed <= _fetchedMeasurements)
            {
                throw Nack("no measurement data present");
            }

            // Section 4.6: the data memory is cleared by the read-out.
            _fetchedMeasurements = completed;
            _fetchPending = false;
        }
        else if (_singleShotDoneAt is not { } doneAt || now < doneAt)
        {
            throw Nack("no single shot measurement has finished");
        }
        else
        {
            _singleShotDoneAt = null;
        }

        Span<byte> frame = stackalloc byte[6];
        SensirionCrc8.EncodeWord(RawTemperature(_celsius), frame[..3]);
        SensirionCrc8.EncodeWord(RawHumidity(_percent), frame[3..]);
        frame[..Math.Min(6, buffer.Length)].CopyTo(buffer);
    }

    /// <summary>Inverse of section 4.13: S_T = (T + 45) x (2^16 - 1) / 175, clipped to the 16-bit range.</summary>
    internal static ushort RawTemperature(double celsius) =>
        (ushort)Math.Clamp(Math.Round((celsius + 45.0) * 65535.0 / 175.0), 0, 65535);

    /// <summary>Inverse of section 4.13: S_RH = RH x (2^16 - 1) / 100, clipped to the 16-bit range.</summary>
    internal static ushort RawHumidity(double percent) =>
        (ushort)Math.Clamp(Math.Round(percent * 65535.0 / 100.0), 0, 65535);

    private static TimeSpan? PeriodOf(ushort command) => (command >> 8) switch
    {
        0x20 when command is 0x2032 or 0x2024 or 0x202F => TimeSpan.FromSeconds(2),
        0x21 when command is 0x2130 or 0x2126 or 0x212D => TimeSpan.FromSeconds(1),
        0x22 when command is 0x2236 or 0x2220 or 0x222B => TimeSpan.FromMilliseconds(500),
        0x23 when command is 0x2334 or 0x2322 or 0x2329 => TimeSpan.FromMilliseconds(250),
        0x27 when command is 0x2737 or 0x2721 or 0x272A => TimeSpan.FromMilliseconds(100),
        _ => null,
    };
}
