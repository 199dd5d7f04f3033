using System.Device.I2c;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// An <see cref="I2cBus"/> with simulated chips attached at addresses. Drivers get an <see cref="I2cDevice"/> from
/// <see cref="CreateDevice"/> as they would from <c>I2cBus.Create(1)</c> on a board. Thread-safe.
/// </summary>
public sealed class SimulatedI2cBus : I2cBus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SimulatedI2cChip> _chips = [];
    private readonly Dictionary<int, SimulatedI2cDevice> _devices = [];

    /// <summary>Creates a bus with the given number (1 is the Raspberry Pi header bus).</summary>
    public SimulatedI2cBus(int busId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busId);
        BusId = busId;
    }

    /// <summary>The bus number.</summary>
    public int BusId { get; }

    /// <summary>Connects a chip at a 7-bit address.</summary>
    /// <exception cref="InvalidOperationException">Another chip already answers at that address.</exception>
    public void Attach(int deviceAddress, SimulatedI2cChip chip)
    {
        ValidateAddress(deviceAddress);
        ArgumentNullException.ThrowIfNull(chip);
        lock (_gate)
        {
            if (!_chips.TryAdd(deviceAddress, chip))
            {
                throw new InvalidOperationException($"Address 0x{deviceAddress:X2} on bus {BusId} is already taken.");
            }
        }
    }

    /// <summary>Disconnects the chip at an address (a pulled wire); transfers to it then throw <see cref="IOException"/>.</summary>
    public void Detach(int deviceAddress)
    {
        lock (_gate)
        {
            _chips.Remove(deviceAddress);
        }
    }

    /// <inheritdoc />
    public override I2cDevice CreateDevice(int deviceAddress)
    {
        ValidateAddress(deviceAddress);
        lock (_gate)
        {
            if (_devices.ContainsKey(deviceAddress))
            {
                throw new InvalidOperationException($"A device at 0x{deviceAddress:X2} on bus {BusId} is already open.");
            }

            var device = new SimulatedI2cDevice(this, new I2cConnectionSettings(BusId, deviceAddress));
            _devices.Add(deviceAddress, device);
            return device;
        }
    }

    /// <inheritdoc />
    public override void RemoveDevice(int deviceAddress)
    {
        lock (_gate)
        {
            _devices.Remove(deviceAddress);
        }
    }

    internal SimulatedI2cChip? ChipAt(int deviceAddress)
    {
        lock (_gate)
        {
            return _chips.GetValueOrDefault(deviceAddress);
        }
    }

    private static void ValidateAddress(int deviceAddress)
    {
        // 7-bit addressing; 0x00-0x07 and 0x78-0x7F are reserved by the I2C specification (UM10204 section 3.1.12).
        if (deviceAddress is < 0x08 or > 0x77)
        {
            throw new ArgumentOutOfRangeException(nameof(deviceAddress), deviceAddress, "I2C device addresses are 0x08..0x77.");
        }
    }
}
