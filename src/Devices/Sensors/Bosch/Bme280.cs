using System.Device.I2c;
using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>
/// Driver for the Bosch BME280 humidity, pressure and temperature sensor over I2C (address 0x76 or 0x77), written
/// from the datasheet (BST-BME280-DS002, rev 1.6). Checks the chip id, reads the trimming parameters once and applies
/// the datasheet's integer compensation (section 4.2.3).
/// </summary>
/// <remarks>
/// The BME280 has no CRC on its data: a corrupted byte cannot be detected here beyond the range check. Calls may come
/// from any thread; they are serialized per instance. The <see cref="I2cDevice"/> is not owned: the caller disposes it.
/// </remarks>
public sealed class Bme280 : ITemperatureSensor
{
    /// <summary>The address with SDO to GND (section 6.2).</summary>
    public const int PrimaryAddress = 0x76;

    /// <summary>The address with SDO to VDDIO (section 6.2).</summary>
    public const int SecondaryAddress = 0x77;

    // Operating range, datasheet section 1 table 1: -40..+85 °C, 300..1100 hPa. A value outside it is not a reading.
    private const double MinCelsius = -40.0;
    private const double MaxCelsius = 85.0;
    private const double MinPascals = 30000.0;
    private const double MaxPascals = 110000.0;

    private readonly I2cDevice _device;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private Bme280Oversampling _temperatureOversampling = Bme280Oversampling.X1;
    private Bme280Oversampling _pressureOversampling = Bme280Oversampling.X1;
    private Bme280Oversampling _humidityOversampling = Bme280Oversampling.X1;
    private Bme280Filter _filter = Bme280Filter.Off;
    private Bme280Standby _standby = Bme280Standby.Milliseconds1000;

    /// <summary>Checks the chip id and reads the calibration. The chip is left in sleep mode until <see cref="SetMode"/>.</summary>
    /// <exception cref="InvalidOperationException">The chip at the address is not a BME280.</exception>
    /// <exception cref="IOException">The chip did not answer.</exception>
    public Bme280(I2cDevice device, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _device = device;
        _timeProvider = timeProvider;

        var chipId = ReadRegister(Bme280Registers.ChipId);
        if (chipId != Bme280Registers.ExpectedChipId)
        {
            throw new InvalidOperationException(
                $"The chip at 0x{device.ConnectionSettings.DeviceAddress:X2} reports id 0x{chipId:X2}, not a BME280 (0x60).");
        }

        Span<byte> block1 = stackalloc byte[Bme280Registers.CalibrationBlock1Length];
        Span<byte> block2 = stackalloc byte[Bme280Registers.CalibrationBlock2Length];
        _device.WriteRead([Bme280Registers.CalibrationBlock1], block1);
        _device.WriteRead([Bme280Registers.CalibrationBlock2], block2);
        Calibration = Bme280Calibration.Parse(block1, block2);
    }

    /// <summary>The trimming parameters read from the chip.</summary>
    public Bme280Calibration Calibration { get; }

    /// <summary>Successful and failed reads.</summary>
    public SensorReadStatistics Statistics { get; } = new();

    /// <summary>
    /// The longest a forced measurement takes with the current oversampling (datasheet section 9.1):
    /// 1.25 ms + 2.3 ms x osrs_t + (2.3 ms x osrs_p + 0.575 ms) + (2.3 ms x osrs_h + 0.575 ms), skipped channels left out.
    /// </summary>
    public TimeSpan MaximumMeasurementTime
    {
        get
        {
            lock (_gate)
            {
                return MaximumMeasurementTimeFor(_temperatureOversampling, _pressureOversampling, _humidityOversampling);
            }
        }
    }

    /// <summary>Sets the settings used from the next <see cref="SetMode"/> or forced measurement on.</summary>
    /// <param name="temperature">Temperature oversampling.</param>
    /// <param name="pressure">Pressure oversampling.</param>
    /// <param name="humidity">Humidity oversampling.</param>
    /// <param name="filter">IIR filter (off by default; section 3.4.4 suggests it for indoor navigation, not for weather).</param>
    /// <param name="standby">Standby between normal-mode measurements (1 s by default, ample for a room).</param>
    public void Configure(
        Bme280Oversampling temperature,
        Bme280Oversampling pressure,
        Bme280Oversampling humidity,
        Bme280Filter filter = Bme280Filter.Off,
        Bme280Standby standby = Bme280Standby.Milliseconds1000)
    {
        ValidateOversampling(temperature, nameof(temperature));
        ValidateOversampling(pressure, nameof(pressure));
        ValidateOversampling(humidity, nameof(humidity));
        if (!Enum.IsDefined(filter))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter, "Off, X2, X4, X8 or X16.");
        }

        if (!Enum.IsDefined(standby))
        {
            throw new ArgumentOutOfRangeException(nameof(standby), standby, "A standby time from table 27.");
        }

        lock (_gate)
        {
            _temperatureOversampling = temperature;
            _pressureOversampling = pressure;
            _humidityOversampling = humidity;
            _filter = filter;
            _standby = standby;
        }
    }

    /// <summary>Writes the oversampling and the power mode to the chip.</summary>
    /// <exception cref="IOException">The chip did not acknowledge.</exception>
    public void SetMode(Bme280Mode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Sleep, Forced or Normal.");
        }

        lock (_gate)
        {
            WriteControl(mode);
        }
    }

    /// <summary>
    /// Reads the latest measurement from the data registers (in normal mode, or after a forced measurement finished).
    /// </summary>
    /// <returns>False when the bus failed, a channel holds no measurement, or a value is outside the sensor's range.</returns>
    public bool TryRead(out Bme280Measurement measurement)
    {
        lock (_gate)
        {
            var failure = TryReadLocked(out measurement);
            Record(failure);
            return failure == SensorReadFailure.None;
        }
    }

    /// <inheritdoc />
    public bool TryReadTemperature(out SensorReading<Temperature> reading)
    {
        if (TryRead(out var measurement))
        {
            reading = new SensorReading<Temperature>(measurement.Temperature, measurement.Timestamp);
            return true;
        }

        reading = default;
        return false;
    }

    /// <summary>
    /// Starts one forced measurement, waits the datasheet's maximum measurement time on the <see cref="TimeProvider"/>,
    /// checks that the chip finished and reads the result.
    /// </summary>
    /// <returns>The measurement, or null when the read failed (counted in <see cref="Statistics"/>).</returns>
    public async Task<Bme280Measurement?> ReadForcedAsync(CancellationToken cancellationToken = default)
    {
        TimeSpan wait;
        lock (_gate)
        {
            try
            {
                WriteControl(Bme280Mode.Forced);
            }
            catch (IOException)
            {
                Record(SensorReadFailure.BusError);
                return null;
            }

            wait = MaximumMeasurementTimeFor(_temperatureOversampling, _pressureOversampling, _humidityOversampling);
        }

        await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);

        lock (_gate)
        {
            SensorReadFailure failure;
            Bme280Measurement measurement = default;
            try
            {
                failure = (ReadRegister(Bme280Registers.Status) & Bme280Registers.StatusMeasuring) != 0
                    ? SensorReadFailure.NotReady
                    : TryReadLocked(out measurement);
            }
            catch (IOException)
            {
                failure = SensorReadFailure.BusError;
            }

            Record(failure);
            return failure == SensorReadFailure.None ? measurement : null;
        }
    }

    internal static TimeSpan MaximumMeasurementTimeFor(Bme280Oversampling t, Bme280Oversampling p, Bme280Oversampling h)
    {
        var ms = 1.25 + (2.3 * Factor(t));
        if (p != Bme280Oversampling.Skipped)
        {
            ms += (2.3 * Factor(p)) + 0.575;
        }

        if (h != Bme280Oversampling.Skipped)
        {
            ms += (2.3 * Factor(h)) + 0.575;
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>The oversampling factor of a setting: 0, 1, 2, 4, 8, 16 (table 20/23/24).</summary>
    internal static int Factor(Bme280Oversampling oversampling) =>
        oversampling == Bme280Oversampling.Skipped ? 0 : 1 << ((int)oversampling - 1);

    private static void ValidateOversampling(Bme280Oversampling value, string name)
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Skipped, X1, X2, X4, X8 or X16.");
        }
    }

    private SensorReadFailure TryReadLocked(out Bme280Measurement measurement)
    {
        measurement = default;
        Span<byte> data = stackalloc byte[Bme280Registers.DataLength];
        try
        {
            _device.WriteRead([Bme280Registers.DataStart], data);
        }
        catch (IOException)
        {
            return SensorReadFailure.BusError;
        }

        var timestamp = _timeProvider.GetUtcNow();

        // Section 5.4.7-5.4.9: press_msb, press_lsb, press_xlsb[7:4], temp_msb, temp_lsb, temp_xlsb[7:4], hum_msb, hum_lsb.
        var adcP = (data[0] << 12) | (data[1] << 4) | (data[2] >> 4);
        var adcT = (data[3] << 12) | (data[4] << 4) | (data[5] >> 4);
        var adcH = (data[6] << 8) | data[7];
        if (adcT == Bme280Registers.SkippedTemperatureOrPressure
            || adcP == Bme280Registers.SkippedTemperatureOrPressure
            || adcH == Bme280Registers.SkippedHumidity)
        {
            // The reset value of the data registers: no measurement has run, or the channel is skipped.
            return SensorReadFailure.NotReady;
        }

        var centiCelsius = Bme280Compensation.CompensateTemperature(Calibration, adcT, out var tFine);
        var pressureQ24_8 = Bme280Compensation.CompensatePressure(Calibration, adcP, tFine);
        var humidityQ22_10 = Bme280Compensation.CompensateHumidity(Calibration, adcH, tFine);

        var celsius = centiCelsius / 100.0;
        var pascals = pressureQ24_8 / 256.0;
        if (celsius is < MinCelsius or > MaxCelsius || pascals is < MinPascals or > MaxPascals)
        {
            return SensorReadFailure.OutOfRange;
        }

        measurement = new Bme280Measurement(
            new Temperature(celsius),
            new Pressure(pascals),
            new RelativeHumidity(humidityQ22_10 / 1024.0),
            timestamp);
        return SensorReadFailure.None;
    }

    private void WriteControl(Bme280Mode mode)
    {
        // Section 5.4.6: writes to config may be ignored in normal mode, so go to sleep first.
        // Section 5.4.3: ctrl_hum only takes effect after ctrl_meas is written, so write it before ctrl_meas.
        // Section 6.2.1: a write is a sequence of (register, value) pairs.
        var oversampling = ((int)_temperatureOversampling << 5) | ((int)_pressureOversampling << 2);
        var config = (byte)(((int)_standby << 5) | ((int)_filter << 2));
        _device.Write([Bme280Registers.ControlMeasurement, (byte)oversampling]);
        _device.Write(
        [
            Bme280Registers.Config, config,
            Bme280Registers.ControlHumidity, (byte)_humidityOversampling,
            Bme280Registers.ControlMeasurement, (byte)(oversampling | (int)mode),
        ]);
    }

    private byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        _device.WriteRead([register], value);
        return value[0];
    }

    private void Record(SensorReadFailure failure)
    {
        if (failure == SensorReadFailure.None)
        {
            Statistics.RecordSuccess();
        }
        else
        {
            Statistics.RecordFailure(failure);
        }
    }
}
