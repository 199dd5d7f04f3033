using System.Device.I2c;
using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>
/// Driver for the Sensirion SCD40/SCD41 CO2 sensor over I2C (address 0x62), written from the SCD4x datasheet (v1.3).
/// Every word read is checked against its CRC-8 (section 3.11); a mismatch is a failed read, never a value.
/// </summary>
/// <remarks>
/// Each read command needs its execution time (1 ms) between the command and the read-out, so the reads are async and
/// wait on the <see cref="TimeProvider"/>. Start periodic measurement once, then call
/// <see cref="ReadMeasurementAsync"/> every 5 s or more: it checks data-ready first, so it never provokes the NACK an
/// empty buffer gives. One call at a time per instance. The <see cref="I2cDevice"/> is not owned.
/// </remarks>
public sealed class Scd4x
{
    /// <summary>The fixed I2C address of the SCD4x (section 3.3).</summary>
    public const int DefaultAddress = 0x62;

    private readonly I2cDevice _device;
    private readonly TimeProvider _timeProvider;

    // Reused across reads (one call at a time per instance) so a poll allocates no buffers.
    private readonly byte[] _frame = new byte[9];
    private readonly ushort[] _status = new ushort[1];
    private readonly ushort[] _words = new ushort[3];

    /// <summary>Creates the driver; it sends nothing until a command is called.</summary>
    public Scd4x(I2cDevice device, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _device = device;
        _timeProvider = timeProvider;
    }

    /// <summary>Successful and failed reads.</summary>
    public SensorReadStatistics Statistics { get; } = new();

    /// <summary>Starts periodic measurement (one measurement every 5 s).</summary>
    /// <exception cref="IOException">The sensor did not acknowledge (for example: it is already measuring).</exception>
    public void StartPeriodicMeasurement() => WriteCommand(Scd4xCommands.StartPeriodicMeasurement);

    /// <summary>Stops periodic measurement and waits the 500 ms the sensor needs before it takes other commands.</summary>
    /// <exception cref="IOException">The sensor did not acknowledge.</exception>
    public async Task StopPeriodicMeasurementAsync(CancellationToken cancellationToken = default)
    {
        WriteCommand(Scd4xCommands.StopPeriodicMeasurement);
        await Task.Delay(Scd4xCommands.StopExecutionTime, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the 48-bit serial number (section 3.9.2), as a presence check.</summary>
    /// <returns>The serial number, or null when the bus failed or a CRC did not match.</returns>
    public async Task<ulong?> ReadSerialNumberAsync(CancellationToken cancellationToken = default)
    {
        var words = _words;
        var failure = await ReadWordsAsync(Scd4xCommands.GetSerialNumber, words, cancellationToken).ConfigureAwait(false);
        return failure == SensorReadFailure.None ? ((ulong)words[0] << 32) | ((ulong)words[1] << 16) | words[2] : null;
    }

    /// <summary>Checks data-ready and, when a new measurement is there, reads it.</summary>
    /// <returns>The measurement, or null when none is ready, the bus failed or a CRC did not match (see <see cref="Statistics"/>).</returns>
    public async Task<Scd4xMeasurement?> ReadMeasurementAsync(CancellationToken cancellationToken = default)
    {
        var status = _status;
        var failure = await ReadWordsAsync(Scd4xCommands.GetDataReadyStatus, status, cancellationToken).ConfigureAwait(false);
        if (failure == SensorReadFailure.None && (status[0] & 0x07FF) == 0)
        {
            // Section 3.8.2: the least significant 11 bits all 0 means no new data.
            failure = SensorReadFailure.NotReady;
        }

        if (failure != SensorReadFailure.None)
        {
            Statistics.RecordFailure(failure);
            return null;
        }

        var words = _words;
        failure = await ReadWordsAsync(Scd4xCommands.ReadMeasurement, words, cancellationToken).ConfigureAwait(false);
        if (failure != SensorReadFailure.None)
        {
            Statistics.RecordFailure(failure);
            return null;
        }

        Statistics.RecordSuccess();
        return new Scd4xMeasurement(
            new Co2Concentration(words[0]),
            new Temperature(TemperatureFromRaw(words[1])),
            new RelativeHumidity(HumidityFromRaw(words[2])),
            _timeProvider.GetUtcNow());
    }

    /// <summary>
    /// Section 3.5.2: T = -45 + 175 x word / 2^16. (Sensirion's later drivers divide by 2^16 - 1; the difference is below 0.003 °C.)
    /// </summary>
    internal static double TemperatureFromRaw(ushort raw) => -45.0 + (175.0 * raw / 65536.0);

    /// <summary>Section 3.5.2: RH = 100 x word / 2^16.</summary>
    internal static double HumidityFromRaw(ushort raw) => 100.0 * raw / 65536.0;

    private async Task<SensorReadFailure> ReadWordsAsync(ushort command, ushort[] words, CancellationToken cancellationToken)
    {
        try
        {
            WriteCommand(command);
        }
        catch (IOException)
        {
            return SensorReadFailure.BusError;
        }

        await Task.Delay(Scd4xCommands.ReadExecutionTime, _timeProvider, cancellationToken).ConfigureAwait(false);

        var frame = _frame.AsMemory(0, words.Length * 3);
        try
        {
            _device.Read(frame.Span);
        }
        catch (IOException)
        {
            return SensorReadFailure.BusError;
        }

        return SensirionCrc8.TryDecodeWords(frame.Span, words) ? SensorReadFailure.None : SensorReadFailure.CrcMismatch;
    }

    private void WriteCommand(ushort command) => _device.Write([(byte)(command >> 8), (byte)command]);
}
