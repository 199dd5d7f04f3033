namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// A simulated ROHM BH1750FVI: one-byte opecodes (power down 0x00, power on 0x01, reset 0x07, continuous modes 0x10,
/// 0x11, 0x13, one-time modes 0x20, 0x21, 0x23) and a two-byte result, count = lx x 1.2 (x 2 in H-resolution mode 2).
/// </summary>
/// <remarks>
/// A conversion completes after the typical measurement time (120 ms H-resolution, 16 ms L-resolution); until the first
/// one the result register reads 0. A one-time mode returns to power down after its conversion, as the datasheet says.
/// </remarks>
public sealed class SimulatedBh1750 : SimulatedI2cChip
{
    private readonly TimeProvider _timeProvider;
    private double _lux = 300.0;
    private bool _poweredOn;
    private byte _mode;
    private DateTimeOffset? _conversionDoneAt;
    private ushort _result;

    /// <summary>Creates the chip powered down.</summary>
    public SimulatedBh1750(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The true illuminance at the sensor, lx.</summary>
    public double Illuminance
    {
        get { lock (Gate) { return _lux; } }
        set { lock (Gate) { _lux = value; } }
    }

    /// <inheritdoc />
    protected internal override void OnWrite(ReadOnlySpan<byte> data)
    {
        Advance();
        foreach (var opecode in data)
        {
            switch (opecode)
            {
                case 0x00:
                    _poweredOn = false;
                    _conversionDoneAt = null;
                    break;
                case 0x01:
                    _poweredOn = true;
                    break;
                case 0x07 when _poweredOn:
                    _result = 0;
                    break;
                case 0x10 or 0x11 or 0x13 or 0x20 or 0x21 or 0x23:
                    _poweredOn = true;
                    _mode = opecode;
                    _conversionDoneAt = _timeProvider.GetUtcNow() + ConversionTime(opecode);
                    break;
                default:
                    throw Nack($"opecode 0x{opecode:X2} is not accepted now");
            }
        }
    }

    /// <inheritdoc />
    protected internal override void OnRead(Span<byte> buffer)
    {
        Advance();
        if (buffer.Length > 0)
        {
            buffer[0] = (byte)(_result >> 8);
        }

        if (buffer.Length > 1)
        {
            buffer[1] = (byte)_result;
        }
    }

    private static TimeSpan ConversionTime(byte opecode) =>
        (opecode & 0x0F) == 0x03 ? TimeSpan.FromMilliseconds(16) : TimeSpan.FromMilliseconds(120);

    private void Advance()
    {
        var now = _timeProvider.GetUtcNow();
        if (_conversionDoneAt is not { } doneAt || now < doneAt)
        {
            return;
        }

        var counts = _lux * 1.2 * ((_mode & 0x0F) == 0x01 ? 2.0 : 1.0);
        _result = (ushort)Math.Clamp(Math.Round(counts), 0, 65535);
        if ((_mode & 0xF0) == 0x20)
        {
            _poweredOn = false;
            _conversionDoneAt = null;
        }
        else
        {
            _conversionDoneAt = now + ConversionTime(_mode);
        }
    }
}
