using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using EdgeAi.Devices.Locks;
using EdgeAi.Devices.Simulation;
using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// A simulated board for any manifest: the simulated GPIO driver, an I2C bus per manifest bus with the matching
/// simulated chip at each address, simulated PWM channels, and the simplest physical surroundings that keep the
/// devices truthful: a bolt with travel time behind every lock's relay and switch (starting thrown), doors and
/// windows closed, no motion, a still room (21 °C, 45 %, 1013 hPa, 600 ppm CO2, 300 lx).
/// </summary>
public sealed class SimulatedBoard : IBoard
{
    private readonly Dictionary<int, SimulatedI2cBus> _buses = [];
    private readonly Dictionary<(int Chip, int Channel), SimulatedPwmChannel> _pwm = [];
    private readonly Dictionary<(int Bus, int Address), SimulatedI2cChip> _chips = [];
    private readonly List<IDisposable> _world = [];

    /// <summary>Builds the board and its surroundings for <paramref name="devices"/>.</summary>
    public SimulatedBoard(SimulatedGpioDriver driver, IReadOnlyList<ResolvedDevice> devices, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(devices);
        Driver = driver;
        Gpio = new GpioController(driver);
        foreach (var device in devices)
        {
            Furnish(device, time);
        }
    }

    /// <inheritdoc />
    public string Model => "EdgeAi node (simulated board)";

    /// <summary>The simulated driver behind <see cref="Gpio"/>.</summary>
    public SimulatedGpioDriver Driver { get; }

    /// <inheritdoc />
    public GpioController Gpio { get; }

    /// <summary>The simulated chip at an address, for tests and scenarios.</summary>
    public SimulatedI2cChip? Chip(int bus, int address) => _chips.GetValueOrDefault((bus, address));

    /// <summary>A simulated PWM channel, once a device opened it.</summary>
    public SimulatedPwmChannel? Pwm(int chip, int channel) => _pwm.GetValueOrDefault((chip, channel));

    /// <inheritdoc />
    public I2cDevice OpenI2c(int bus, int address) =>
        _buses.TryGetValue(bus, out var simulated) ? simulated.CreateDevice(address) : throw new IOException($"No simulated I2C bus {bus}.");

    /// <inheritdoc />
    public PwmChannel OpenPwm(int chip, int channel, int frequency)
    {
        var pwm = new SimulatedPwmChannel(frequency);
        _pwm[(chip, channel)] = pwm;
        return pwm;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_world))
        {
            item.Dispose();
        }

        Gpio.Dispose();
    }

    private void Furnish(ResolvedDevice device, TimeProvider time)
    {
        var options = device.Options;
        switch (options.Kind)
        {
            case DeviceKind.Bme280:
                Attach(options, new SimulatedBme280(time) { Temperature = 21.0, Humidity = 45.0, Pressure = 101_325.0 });
                break;
            case DeviceKind.Sht3x:
                Attach(options, new SimulatedSht3x(time) { Temperature = 21.0, Humidity = 45.0 });
                break;
            case DeviceKind.Scd4x:
                Attach(options, new SimulatedScd4x(time) { Co2 = 600, Temperature = 21.0, Humidity = 45.0 });
                break;
            case DeviceKind.Bh1750:
                Attach(options, new SimulatedBh1750(time) { Illuminance = 300 });
                break;
            case DeviceKind.Contact:
                Driver.SetInputLevel(device.Line(ResolvedDevice.PrimaryRole)!.Value, PinValue.Low); // closed
                break;
            case DeviceKind.Lock:
                Driver.SetInputLevel(device.Line("door")!.Value, PinValue.Low); // door closed
                var bolt = new SimulatedBolt(Driver, device.Line("bolt_switch")!.Value, PinValue.Low, time, TimeSpan.FromSeconds(1), initiallyThrown: true);
                bolt.FollowRelay(device.Line("bolt")!.Value, BoltPosition.Thrown);
                _world.Add(bolt);
                break;
        }
    }

    private void Attach(DeviceOptions options, SimulatedI2cChip chip)
    {
        if (!_buses.TryGetValue(options.Bus, out var bus))
        {
            _buses[options.Bus] = bus = new SimulatedI2cBus(options.Bus);
        }

        bus.Attach(options.Address!.Value, chip);
        _chips[(options.Bus, options.Address.Value)] = chip;
    }
}
