using System.Device.I2c;
using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>
/// Driver for the Sensirion SHT3x-DIS humidity and temperature sensor over I2C (address 0x44 or 0x45), written from
/// the datasheet (May 2018, version 5). Every 16-bit word read is checked against its CRC-8 (section 4.12); a
/// mismatch is a failed read, never a value.
/// </summary>
/// <remarks>
/// Use <see cref="StartPeriodic"/> and then <see cref="TryRead"/> at the chosen rate, or <see cref="ReadSingleShotAsync"/>.
/// Calls are serialized per instance. The <see cref="I2cDevice"/> is not owned: the caller disposes it.
/// </remarks>
public sealed class Sht3x : ITemperatureSensor
{
    /// <summary>The address with ADDR to VSS (section 3.5 / table 7).</summary>
    public const int DefaultAddress = 0x44;

    /// <summary>The address with ADDR to VDD.</summary>
    public const int AlternateAddress = 0x45;

    private readonly I2cDevice _device;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();

    /// <summary>Creates the driver; it sends nothing until a command is called.</summary>
    public Sht3x(I2cDevice device, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _device = device;
        _timeProvider = timeProvider;
    }

    /// <summary>Successful and failed reads.</summary>
    public SensorReadStatistics Statistics { get; } = new();

    /// <summary>Starts periodic data acquisition at high repeatability.</summary>
    /// <exception cref="IOException">The chip did not acknowledge.</exception>
    public void StartPeriodic(Sht3xPeriodicRate rate = Sht3xPeriodicRate.OnePerSecond)
    {
        var command = Sht3xCommands.Periodic(rate);
        lock (_gate)
        {
            WriteCommand(command);
        }
    }

    /// <summary>Stops periodic acquisition (break command, section 4.8).</summary>
    /// <exception cref="IOException">The chip did not acknowledge.</exception>
    public void Stop()
    {
        lock (_gate)
        {
            WriteCommand(Sht3xCommands.Break);
        }
    }

    /// <summary>Fetches the latest periodic measurement (fetch data, section 4.6).</summary>
    /// <returns>
    /// False when the bus failed, no new measurement is present since the last fetch (the chip NACKs the read), or a
    /// CRC did not match.
    /// </returns>
    public bool TryRead(out Sht3xMeasurement measurement)
    {
        lock (_gate)
        {
            SensorReadFailure failure;
            try
            {
                WriteCommand(Sht3xCommands.FetchData);
            }
            catch (IOException)
            {
                measurement = default;
                Statistics.RecordFailure(SensorReadFailure.BusError);
                return false;
            }

            // Section 4.6: with no measurement present the read header is NACKed.
            failure = TryReadResult(SensorReadFailure.NotReady, out measurement);
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
    /// Runs one single shot measurement (high repeatability, no clock stretching, table 9): sends the command, waits the
    /// maximum measurement duration on the <see cref="TimeProvider"/> and reads the result.
    /// </summary>
    /// <returns>The measurement, or null when the read failed (counted in <see cref="Statistics"/>).</returns>
    public async Task<Sht3xMeasurement?> ReadSingleShotAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            try
            {
                WriteCommand(Sht3xCommands.SingleShotHighRepeatability);
            }
            catch (IOException)
            {
                Statistics.RecordFailure(SensorReadFailure.BusError);
                return null;
            }
        }

        await Task.Delay(Sht3xCommands.MaximumMeasurementDuration, _timeProvider, cancellationToken).ConfigureAwait(false);

        lock (_gate)
        {
            var failure = TryReadResult(SensorReadFailure.BusError, out var measurement);
            Record(failure);
            return failure == SensorReadFailure.None ? measurement : null;
        }
    }

    /// <summary>Converts a raw temperature word (section 4.13).</summary>
    internal static double TemperatureFromRaw(ushort raw) => -45.0 + (175.0 * raw / 65535.0);

    /// <summary>Converts a raw humidity word (section 4.13).</summary>
    internal static double HumidityFromRaw(ushort raw) => 100.0 * raw / 65535.0;

    private SensorReadFailure TryReadResult(SensorReadFailure onNack, out Sht3xMeasurement measurement)
    {
        measurement = default;

        // Section 4.4: T MSB, T LSB, CRC, RH MSB, RH LSB, CRC.
        Span<byte> frame = stackalloc byte[6];
        try
        {
            _device.Read(frame);
        }
        catch (IOException)
        {
            return onNack;
        }

        Span<ushort> words = stackalloc ushort[2];
        if (!SensirionCrc8.TryDecodeWords(frame, words))
        {
            return SensorReadFailure.CrcMismatch;
        }

        measurement = new Sht3xMeasurement(
            new Temperature(TemperatureFromRaw(words[0])),
            new RelativeHumidity(HumidityFromRaw(words[1])),
            _timeProvider.GetUtcNow());
        return SensorReadFailure.None;
    }

    private void WriteCommand(ushort command) => _device.Write([(byte)(command >> 8), (byte)command]);

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
