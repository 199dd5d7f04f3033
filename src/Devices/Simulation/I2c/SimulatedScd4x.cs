using EdgeAi.Devices.Sensors.Sensirion;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// A simulated Sensirion SCD4x: start/stop periodic measurement, get_data_ready_status, read_measurement and
/// get_serial_number (SCD4x datasheet v1.3, sections 3.5-3.9), answering with CRC-8 protected words computed from
/// the true <see cref="Co2"/>, <see cref="Temperature"/> and <see cref="Humidity"/>.
/// </summary>
/// <remarks>
/// As on the part: a response can be read only after the command's execution time (earlier reads are NACKed);
/// measurement n completes n x 5 s after the start; the buffer empties on read-out and read_measurement with an empty
/// buffer is NACKed; while measuring periodically only read_measurement, get_data_ready_status and
/// stop_periodic_measurement are accepted; for 500 ms after a stop nothing is.
/// </remarks>
public sealed class SimulatedScd4x : SimulatedI2cChip
{
    private readonly TimeProvider _timeProvider;
    private double _ppm = 450.0;
    private double _celsius = 21.0;
    private double _percent = 45.0;
    private DateTimeOffset? _periodicStart;
    private DateTimeOffset _busyUntil;
    private long _readMeasurements;
    private byte[]? _response;
    private DateTimeOffset _responseReadyAt;

    /// <summary>Creates the chip idle.</summary>
    public SimulatedScd4x(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The 48-bit serial number the chip reports (default: the example of datasheet section 3.9.2).</summary>
    public ulong SerialNumber { get; init; } = 0xF896_9F07_3BBE;

    /// <summary>The true CO2 concentration at the sensor, ppm.</summary>
    public double Co2
    {
        get { lock (Gate) { return _ppm; } }
        set { lock (Gate) { _ppm = value; } }
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

    /// <summary>Whether periodic measurement is running.</summary>
    public bool IsMeasuring
    {
        get { lock (Gate) { return _periodicStart is not null; } }
    }

    /// <inheritdoc />
    protected internal override void OnWrite(ReadOnlySpan<byte> data)
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _busyUntil)
        {
            throw Nack("busy executing stop_periodic_measurement");
        }

        if (data.Length != 2)
        {
            throw Nack($"expected a 2-byte command, got {data.Length} bytes");
        }

        var command = (ushort)((data[0] << 8) | data[1]);
        _response = null;
        switch (command)
        {
            case 0x21B1 when _periodicStart is null:
                _periodicStart = now;
                _readMeasurements = 0;
                break;
            case 0x3F86 when _periodicStart is not null:
                _periodicStart = null;
                _busyUntil = now + TimeSpan.FromMilliseconds(500);
                break;
            case 0xE4B8 when _periodicStart is not null:
                Respond(now, [CompletedMeasurements(now) > _readMeasurements ? (ushort)0x8006 : (ushort)0x8000]);
                break;
            case 0xEC05 when _periodicStart is not null:
                if (CompletedMeasurements(now) > _readMeasurements)
                {
                    _readMeasurements = CompletedMeasurements(now);
                    Respond(now, [RawCo2(), RawTemperature(), RawHumidity()]);
                }

                break;
            case 0x3682 when _periodicStart is null:
                Respond(now, [(ushort)(SerialNumber >> 32), (ushort)(SerialNumber >> 16), (ushort)SerialNumber]);
                break;
            default:
                throw Nack($"command 0x{command:X4} is not accepted in the {(_periodicStart is null ? "idle" : "periodic")} state");
        }
    }

    /// <inheritdoc />
    protected internal override void OnRead(Span<byte> buffer)
    {
        if (_response is null || _timeProvider.GetUtcNow() < _responseReadyAt)
        {
            throw Nack("no response is ready");
        }

        _response.AsSpan(0, Math.Min(buffer.Length, _response.Length)).CopyTo(buffer);
        _response = null;
    }

    private long CompletedMeasurements(DateTimeOffset now) =>
        _periodicStart is { } start ? (now - start).Ticks / TimeSpan.FromSeconds(5).Ticks : 0;

    private void Respond(DateTimeOffset now, ushort[] words)
    {
        var frame = new byte[words.Length * 3];
        for (var i = 0; i < words.Length; i++)
        {
            SensirionCrc8.EncodeWord(words[i], frame.AsSpan(i * 3, 3));
        }

        _response = frame;
        _responseReadyAt = now + TimeSpan.FromMilliseconds(1);
    }

    private ushort RawCo2() => (ushort)Math.Clamp(Math.Round(_ppm), 0, 65535);

    private ushort RawTemperature() => (ushort)Math.Clamp(Math.Round((_celsius + 45.0) * 65536.0 / 175.0), 0, 65535);

    private ushort RawHumidity() => (ushort)Math.Clamp(Math.Round(_percent * 65536.0 / 100.0), 0, 65535);
}
