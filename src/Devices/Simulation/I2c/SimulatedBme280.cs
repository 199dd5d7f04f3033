using EdgeAi.Devices.Sensors.Bosch;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// A simulated BME280: the register map of datasheet section 5.3 (chip id 0x60, calibration in NVM layout, ctrl_hum,
/// ctrl_meas, config, status, data), with the data registers computed back from the true
/// <see cref="Temperature"/>, <see cref="Pressure"/> and <see cref="Humidity"/> so the real compensation code recovers them.
/// </summary>
/// <remarks>
/// Sleep, forced and normal mode follow section 3.3: a forced measurement runs for the typical measurement time of
/// section 9.1 (status bit 3 set meanwhile), latches the data and returns the chip to sleep; in normal mode the data
/// follows the world once the first measurement is done. Until a measurement completes the data registers hold their
/// reset values (0x80000 / 0x8000), as the datasheet specifies.
/// </remarks>
public sealed class SimulatedBme280 : SimulatedI2cChip
{
    private const byte ModeMask = 0b11;

    private readonly TimeProvider _timeProvider;
    private readonly byte[] _registers = new byte[256];
    private byte _pointer;
    private byte _activeHumidityOversampling;
    private DateTimeOffset? _measurementDoneAt;
    private double _celsius = 21.0;
    private double _pascals = 101325.0;
    private double _percent = 45.0;

    /// <summary>Creates the chip in its power-on state (sleep mode, data registers at reset values).</summary>
    /// <param name="timeProvider">The simulation clock measurement times are counted on.</param>
    /// <param name="calibration">Trimming parameters to store in NVM; <see cref="DefaultCalibration"/> when null.</param>
    public SimulatedBme280(TimeProvider timeProvider, Bme280Calibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        Calibration = calibration ?? DefaultCalibration;
        PowerOnReset();
    }

    /// <summary>
    /// Temperature and pressure parameters of the worked example in the BMP280 datasheet (section 3.12, same formulas as
    /// the BME280), humidity parameters typical of production parts.
    /// </summary>
    public static Bme280Calibration DefaultCalibration { get; } = new()
    {
        T1 = 27504, T2 = 26435, T3 = -1000,
        P1 = 36477, P2 = -10685, P3 = 3024, P4 = 2855, P5 = 140, P6 = -7, P7 = 15500, P8 = -14600, P9 = 6000,
        H1 = 75, H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30,
    };

    /// <summary>The calibration stored in the chip's NVM.</summary>
    public Bme280Calibration Calibration { get; }

    /// <summary>The true air temperature at the sensor, °C.</summary>
    public double Temperature
    {
        get { lock (Gate) { return _celsius; } }
        set { lock (Gate) { _celsius = value; } }
    }

    /// <summary>The true absolute pressure at the sensor, Pa.</summary>
    public double Pressure
    {
        get { lock (Gate) { return _pascals; } }
        set { lock (Gate) { _pascals = value; } }
    }

    /// <summary>The true relative humidity at the sensor, %.</summary>
    public double Humidity
    {
        get { lock (Gate) { return _percent; } }
        set { lock (Gate) { _percent = value; } }
    }

    /// <summary>The power mode in ctrl_meas now.</summary>
    public Bme280Mode Mode
    {
        get
        {
            lock (Gate)
            {
                Advance();
                return (_registers[0xF4] & ModeMask) switch
                {
                    0b00 => Bme280Mode.Sleep,
                    0b11 => Bme280Mode.Normal,
                    _ => Bme280Mode.Forced,
                };
            }
        }
    }

    /// <summary>A register's value as a master would read it, for tests and the world model.</summary>
    public byte PeekRegister(byte register)
    {
        lock (Gate)
        {
            Advance();
            return _registers[register];
        }
    }

    /// <inheritdoc />
    protected internal override void OnWrite(ReadOnlySpan<byte> data)
    {
        Advance();

        // Section 6.2.1: register address and data come in pairs; a lone address only sets the read pointer.
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            WriteRegister(data[i], data[i + 1]);
        }

        if (i < data.Length)
        {
            _pointer = data[i];
        }
    }

    /// <inheritdoc />
    protected internal override void OnRead(Span<byte> buffer)
    {
        Advance();

        // Section 6.2.2: reads auto-increment the register address.
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = (byte)(_pointer + 1);
        }
    }

    private void WriteRegister(byte register, byte value)
    {
        _pointer = register;
        switch (register)
        {
            case 0xE0:
                if (value == 0xB6)
                {
                    PowerOnReset();
                }

                break;
            case 0xF2:
                _registers[register] = (byte)(value & 0x07);
                break;
            case 0xF4:
                _registers[register] = value;
                _activeHumidityOversampling = _registers[0xF2];
                StartMeasuring();
                break;
            case 0xF5:
                _registers[register] = (byte)(value & 0xFD);
                break;
            default:
                // Section 5.3: every other register is read-only; writes are ignored.
                break;
        }
    }

    private void StartMeasuring()
    {
        var mode = _registers[0xF4] & ModeMask;
        if (mode == 0)
        {
            _measurementDoneAt = null;
            _registers[0xF3] &= 0xF7;
            return;
        }

        _measurementDoneAt = _timeProvider.GetUtcNow() + TypicalMeasurementTime();
        _registers[0xF3] |= 0x08;
    }

    /// <summary>Section 9.1: typical time 1 ms + 2 ms x osrs_t + (2 ms x osrs_p + 0.5 ms) + (2 ms x osrs_h + 0.5 ms).</summary>
    private TimeSpan TypicalMeasurementTime()
    {
        var t = OversamplingFactor(_registers[0xF4] >> 5);
        var p = OversamplingFactor((_registers[0xF4] >> 2) & 0x07);
        var h = OversamplingFactor(_activeHumidityOversampling);
        var ms = 1.0 + (2.0 * t) + (p == 0 ? 0 : (2.0 * p) + 0.5) + (h == 0 ? 0 : (2.0 * h) + 0.5);
        return TimeSpan.FromMilliseconds(ms);
    }

    private static int OversamplingFactor(int setting) => setting == 0 ? 0 : 1 << Math.Min(setting - 1, 4);

    /// <summary>Brings the chip up to the simulation clock: finishes a due measurement and latches the data.</summary>
    private void Advance()
    {
        if (_measurementDoneAt is not { } doneAt || _timeProvider.GetUtcNow() < doneAt)
        {
            return;
        }

        LatchData();
        _registers[0xF3] &= 0xF7;
        if ((_registers[0xF4] & ModeMask) == ModeMask)
        {
            // Normal mode keeps measuring: the data follows the world from now on (standby time not modelled).
            _measurementDoneAt = _timeProvider.GetUtcNow();
        }
        else
        {
            // Forced mode: one measurement, then back to sleep (section 3.3.3).
            _registers[0xF4] &= unchecked((byte)~ModeMask);
            _measurementDoneAt = null;
        }
    }

    private void LatchData()
    {
        var osrsT = _registers[0xF4] >> 5;
        var osrsP = (_registers[0xF4] >> 2) & 0x07;
        var adcT = Bme280RawValues.Temperature(Calibration, _celsius);
        Bme280Compensation.CompensateTemperature(Calibration, adcT, out var tFine);
        var adcP = Bme280RawValues.Pressure(Calibration, _pascals, tFine);
        var adcH = Bme280RawValues.Humidity(Calibration, _percent, tFine);

        WriteAdc20(0xF7, osrsP == 0 ? 0x80000 : adcP);
        WriteAdc20(0xFA, osrsT == 0 ? 0x80000 : adcT);
        var hum = _activeHumidityOversampling == 0 ? 0x8000 : adcH;
        _registers[0xFD] = (byte)(hum >> 8);
        _registers[0xFE] = (byte)hum;
    }

    private void WriteAdc20(int register, int adc)
    {
        _registers[register] = (byte)(adc >> 12);
        _registers[register + 1] = (byte)(adc >> 4);
        _registers[register + 2] = (byte)((adc & 0x0F) << 4);
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[0xD0] = 0x60;
        Calibration.WriteTo(_registers.AsSpan(0x88, 26), _registers.AsSpan(0xE1, 7));

        // Table 18 reset values of the data registers: 0x80 0x00 0x00 (P, T), 0x80 0x00 (H).
        _registers[0xF7] = 0x80;
        _registers[0xFA] = 0x80;
        _registers[0xFD] = 0x80;
        _activeHumidityOversampling = 0;
        _measurementDoneAt = null;
        _pointer = 0;
    }
}
