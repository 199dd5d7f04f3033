using System.Device.I2c;
using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Rohm;

/// <summary>
/// Driver for the ROHM BH1750FVI ambient light sensor over I2C (address 0x23 with ADDR low, 0x5C with ADDR high),
/// written from its datasheet. Illuminance = count / 1.2 in H-resolution mode at the default MTreg of 69
/// ("Measurement sequence example"), and half that in H-resolution mode 2.
/// </summary>
/// <remarks>
/// The chip has no "data ready" flag and no CRC, and its data register reads 0 before the first conversion, which is
/// also a valid reading in the dark. So the driver refuses to read until the datasheet's maximum measurement time has
/// passed since it started the mode, rather than report a false 0 lx. Calls are serialized per instance.
/// The <see cref="I2cDevice"/> is not owned.
/// </remarks>
public sealed class Bh1750
{
    /// <summary>The address with ADDR at or below 0.3 VCC.</summary>
    public const int DefaultAddress = 0x23;

    /// <summary>The address with ADDR at or above 0.7 VCC.</summary>
    public const int AlternateAddress = 0x5C;

    private const byte PowerOn = 0x01;

    private readonly I2cDevice _device;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private Bh1750Resolution _resolution;
    private DateTimeOffset? _firstResultAt;

    /// <summary>Creates the driver; it sends nothing until <see cref="StartContinuous"/>.</summary>
    public Bh1750(I2cDevice device, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _device = device;
        _timeProvider = timeProvider;
    }

    /// <summary>Successful and failed reads.</summary>
    public SensorReadStatistics Statistics { get; } = new();

    /// <summary>Powers the chip on and starts continuous measurement.</summary>
    /// <exception cref="IOException">The chip did not acknowledge.</exception>
    public void StartContinuous(Bh1750Resolution resolution = Bh1750Resolution.High)
    {
        var (opecode, maxTime) = resolution switch
        {
            Bh1750Resolution.High => ((byte)0x10, TimeSpan.FromMilliseconds(180)),
            Bh1750Resolution.High2 => ((byte)0x11, TimeSpan.FromMilliseconds(180)),
            Bh1750Resolution.Low => ((byte)0x13, TimeSpan.FromMilliseconds(24)),
            _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "High, High2 or Low."),
        };

        lock (_gate)
        {
            _firstResultAt = null;
            _device.WriteByte(PowerOn);
            _device.WriteByte(opecode);
            _resolution = resolution;
            _firstResultAt = _timeProvider.GetUtcNow() + maxTime;
        }
    }

    /// <summary>Reads the latest conversion.</summary>
    /// <returns>False when measurement is not started or its first conversion may not be done, or the bus failed.</returns>
    public bool TryReadIlluminance(out SensorReading<Illuminance> reading)
    {
        reading = default;
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            if (_firstResultAt is not { } due || now < due)
            {
                Statistics.RecordFailure(SensorReadFailure.NotReady);
                return false;
            }

            // "Measurement sequence example": high byte, then low byte.
            Span<byte> data = stackalloc byte[2];
            try
            {
                _device.Read(data);
            }
            catch (IOException)
            {
                Statistics.RecordFailure(SensorReadFailure.BusError);
                return false;
            }

            var count = (data[0] << 8) | data[1];
            var lux = count / 1.2;
            if (_resolution == Bh1750Resolution.High2)
            {
                lux /= 2.0;
            }

            reading = new SensorReading<Illuminance>(new Illuminance(lux), now);
            Statistics.RecordSuccess();
            return true;
        }
    }
}
