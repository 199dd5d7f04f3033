using System.Device.Gpio;
using System.Device.I2c;
using EdgeAi.Devices.Locks;
using EdgeAi.Devices.Simulation.Clock;
using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The built-in demo house: a simulated Raspberry Pi board wired as <see cref="DemoHouseWiring"/> says, its simulation
/// clock, and the physical world around it. A host opens the board's parts with the real drivers and drives the clock.
/// </summary>
/// <remarks>
/// At the first ever start the front door is closed with the bolt thrown (locked), the window is closed and the living
/// room is at <see cref="DemoHouseOptions.InitialRoomCelsius"/>. With a state directory the house is saved on every
/// change and resumed from it on the next start, even after the process was killed.
/// </remarks>
public sealed class DemoHouse : IDisposable
{
    private static readonly TimeSpan BoltTravelTime = TimeSpan.FromSeconds(1.5);
    private readonly SimulatedPwmChannel[] _pwm;

    /// <summary>Builds the house, resuming the saved state in <see cref="DemoHouseOptions.StateDirectory"/> if there is one.</summary>
    /// <exception cref="HouseStateFileException">The state file exists but is corrupt; it is left untouched.</exception>
    public DemoHouse(DemoHouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PhysicsStep, TimeSpan.Zero);
        var file = options.StateDirectory is null ? null : new HouseStateFile(options.StateDirectory);
        var saved = file?.Load();
        var state = saved ?? FirstStart(options);
        StateFile = file;
        Resumed = saved is not null;

        Clock = new SimulationClock(state.SimulatedTime);
        Gpio = new SimulatedGpioDriver(DemoHouseWiring.PinCount);
        foreach (var pin in state.OutputsHigh)
        {
            Gpio.RestoreOutputLevel(pin, PinValue.High);
        }

        I2cBus = new SimulatedI2cBus(DemoHouseWiring.I2cBusId);
        Bme280 = new SimulatedBme280(Clock);
        Scd4x = new SimulatedScd4x(Clock);
        Bh1750 = new SimulatedBh1750(Clock);
        I2cBus.Attach(DemoHouseWiring.Bme280Address, Bme280);
        I2cBus.Attach(DemoHouseWiring.Scd4xAddress, Scd4x);
        I2cBus.Attach(DemoHouseWiring.Bh1750Address, Bh1750);
        _pwm = [new SimulatedPwmChannel(), new SimulatedPwmChannel()];

        Bolt = new SimulatedBolt(Gpio, DemoHouseWiring.BoltSwitchPin, PinValue.Low, Clock, BoltTravelTime, state.BoltThrown);
        Bolt.FollowRelay(DemoHouseWiring.BoltRelayPin, BoltPosition.Thrown);
        var energized = state.OutputsHigh.Contains(DemoHouseWiring.BoltRelayPin);
        if (energized != state.BoltThrown)
        {
            // Stopped mid-travel (a host that stopped de-energises the relay as it disposes it): the drive still pushes.
            Bolt.ContinueTravel(energized ? BoltPosition.Thrown : BoltPosition.Retracted);
        }
        World = new HouseWorld(
            new HouseParts(Gpio, Bme280, Scd4x, Bh1750, LivingLight, Bolt),
            state,
            options.Seed,
            Clock,
            file,
            options.PhysicsStep);
    }

    /// <summary>The simulation clock every part runs on; drive it with <see cref="SimulationClock.RunAsync"/>.</summary>
    public SimulationClock Clock { get; }

    /// <summary>The GPIO board (28 lines); wrap it in a <c>GpioController</c>.</summary>
    public SimulatedGpioDriver Gpio { get; }

    /// <summary>I2C bus 1 with the BME280 (0x76), SCD4x (0x62) and BH1750 (0x23).</summary>
    public SimulatedI2cBus I2cBus { get; }

    /// <summary>The living-room BME280 chip (its I2C faults: <see cref="SimulatedI2cChip.Faults"/>).</summary>
    public SimulatedBme280 Bme280 { get; }

    /// <summary>The living-room SCD4x chip.</summary>
    public SimulatedScd4x Scd4x { get; }

    /// <summary>The living-room BH1750 chip.</summary>
    public SimulatedBh1750 Bh1750 { get; }

    /// <summary>The front-door bolt (jam it with <see cref="SimulatedBolt.Jammed"/>).</summary>
    public SimulatedBolt Bolt { get; }

    /// <summary><c>living_light</c>: PWM chip 0 channel 0.</summary>
    public SimulatedPwmChannel LivingLight => _pwm[DemoHouseWiring.LivingLightPwmChannel];

    /// <summary><c>streetlight</c>: PWM chip 0 channel 1.</summary>
    public SimulatedPwmChannel Streetlight => _pwm[DemoHouseWiring.StreetlightPwmChannel];

    /// <summary>The physical world: true room state, door, window, occupants, fault hooks.</summary>
    public HouseWorld World { get; }

    /// <summary>The state file, or null when the house keeps its state in memory only.</summary>
    public HouseStateFile? StateFile { get; }

    /// <summary>Whether the house resumed a saved state rather than starting afresh.</summary>
    public bool Resumed { get; }

    /// <summary>Opens an I2C device on bus 1, as <c>I2cBus.Create(1).CreateDevice(address)</c> would on the board.</summary>
    public I2cDevice CreateI2cDevice(int address) => I2cBus.CreateDevice(address);

    /// <summary>The PWM channel at (<paramref name="chip"/>, <paramref name="channel"/>), as <c>PwmChannel.Create</c> would give.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The demo board has only chip 0, channels 0 and 1.</exception>
    public SimulatedPwmChannel GetPwmChannel(int chip, int channel)
    {
        if (chip != DemoHouseWiring.PwmChip || (uint)channel >= (uint)_pwm.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), $"The demo board has PWM chip 0 channels 0 and 1, not chip {chip} channel {channel}.");
        }

        return _pwm[channel];
    }

    /// <summary>Stops the world (saving its state) and the bolt.</summary>
    public void Dispose()
    {
        World.Dispose();
        Bolt.Dispose();
        I2cBus.Dispose();
        Gpio.Dispose();
    }

    private static HouseState FirstStart(DemoHouseOptions options) => new()
    {
        SimulatedTime = options.Start,
        LivingTemperatureCelsius = options.InitialRoomCelsius,
        LivingCo2Ppm = 450.0,

        // 45 % relative humidity at the initial temperature.
        LivingVapourDensity = 0.45 * Psychrometrics.SaturationVapourDensity(options.InitialRoomCelsius),
        // Locked: the bolt thrown and its relay energised (energised = thrown), so the next command moves it.
        BoltThrown = true,
        OutputsHigh = [DemoHouseWiring.BoltRelayPin],
        DoorOpen = false,
        WindowOpen = false,
        Occupants = [.. Enumerable.Range(0, 2).Select(i => DailyRoutine.For(options.Seed, i, options.Start).PlaceAt(options.Start.TimeOfDay))],
    };
}
