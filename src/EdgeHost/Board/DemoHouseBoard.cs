using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using EdgeAi.Devices.Simulation;
using EdgeAi.Devices.Simulation.World;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// The board of the built-in demo house: the simulated board and physical world of <see cref="DemoHouse"/>
/// (rooms, occupants, daylight, the front door and its bolt), wired as <c>hardware/manifests/demo-house.json</c>.
/// The house is owned by the host and disposed after the devices.
/// </summary>
public sealed class DemoHouseBoard(DemoHouse house) : ISimulatedBoard
{
    /// <summary>The house, for scenarios and reports.</summary>
    public DemoHouse House { get; } = house;

    /// <inheritdoc />
    public string Model => "EdgeAi node (simulated demo house)";

    /// <inheritdoc />
    public SimulatedGpioDriver Driver => House.Gpio;

    /// <inheritdoc />
    public GpioController Gpio { get; } = new(house.Gpio);

    /// <inheritdoc />
    public I2cDevice OpenI2c(int bus, int address) =>
        bus == House.I2cBus.BusId ? House.CreateI2cDevice(address) : throw new IOException($"The demo house has only I2C bus {House.I2cBus.BusId}.");

    /// <inheritdoc />
    public PwmChannel OpenPwm(int chip, int channel, int frequency)
    {
        var pwm = House.GetPwmChannel(chip, channel);
        pwm.Frequency = frequency;
        return pwm;
    }

    /// <inheritdoc />
    public void Dispose() => Gpio.Dispose();
}
