using System.Device.I2c;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// An <see cref="I2cDevice"/> whose transfers go to a <see cref="SimulatedI2cChip"/>, so drivers run their real
/// byte-level code against it. A missing chip or an injected NACK throws <see cref="IOException"/>, as the Linux
/// I2C device does when a transfer is not acknowledged.
/// </summary>
public sealed class SimulatedI2cDevice : I2cDevice
{
    private readonly SimulatedI2cBus _bus;

    internal SimulatedI2cDevice(SimulatedI2cBus bus, I2cConnectionSettings settings)
    {
        _bus = bus;
        ConnectionSettings = settings;
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        var chip = Chip();
        lock (chip.Gate)
        {
            ReadLocked(chip, buffer);
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var chip = Chip();
        lock (chip.Gate)
        {
            WriteLocked(chip, buffer);
        }
    }

    /// <inheritdoc />
    /// <remarks>A write followed by a repeated START and a read, held as one transaction on the chip.</remarks>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        var chip = Chip();
        lock (chip.Gate)
        {
            WriteLocked(chip, writeBuffer);
            ReadLocked(chip, readBuffer);
        }
    }

    /// <inheritdoc />
    /// <remarks>Frees the address on the bus so a driver can open it again, as after closing /dev/i2c-N.</remarks>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bus.RemoveDevice(ConnectionSettings.DeviceAddress);
        }

        base.Dispose(disposing);
    }

    private static void WriteLocked(SimulatedI2cChip chip, ReadOnlySpan<byte> buffer)
    {
        if (chip.Faults.TakeNack())
        {
            throw new IOException("The I2C device did not acknowledge the write (injected NACK).");
        }

        chip.OnWrite(buffer);
    }

    private static void ReadLocked(SimulatedI2cChip chip, Span<byte> buffer)
    {
        if (chip.Faults.TakeNack())
        {
            throw new IOException("The I2C device did not acknowledge the read (injected NACK).");
        }

        chip.OnRead(buffer);
        chip.Faults.ApplyToRead(buffer);
    }

    private SimulatedI2cChip Chip() =>
        _bus.ChipAt(ConnectionSettings.DeviceAddress)
        ?? throw new IOException($"No device acknowledged address 0x{ConnectionSettings.DeviceAddress:X2} on bus {ConnectionSettings.BusId}.");
}
