using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

[Collection(nameof(SerialSimulationTests))]
public sealed class FaultInjectionTests
{
    [Fact]
    public void NoFaultTurnedOn_ChipsMeasureTheTruth()
    {
        using var house = new DemoHouse(new DemoHouseOptions());

        house.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.False(house.World.Faults.LivingTemperature.IsActive);
        Assert.Equal(house.World.RoomTemperatureCelsius, house.Bme280.Temperature, 9);
        Assert.Equal(house.World.RoomCo2Ppm, house.Scd4x.Co2, 9);
        Assert.Equal(0.0, house.World.Faults.PinNoiseProbability);
        Assert.Equal(RelayFault.None, house.World.Faults.HeaterRelay);
    }

    [Fact]
    public void TemperatureStuckAndHeaterWeldedOn_RoomHeatsWhileTheDriverReadsTheSameValue()
    {
        using var house = new DemoHouse(new DemoHouseOptions());
        var bme = new Bme280(house.CreateI2cDevice(DemoHouseWiring.Bme280Address), house.Clock);
        bme.SetMode(Bme280Mode.Normal);
        house.Clock.Advance(TimeSpan.FromSeconds(10));
        house.World.Faults.LivingTemperature.Stick();
        house.World.Faults.HeaterRelay = RelayFault.StuckOn;
        house.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(bme.TryReadTemperature(out var before));

        house.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(bme.TryReadTemperature(out var after));

        Assert.True(house.World.HeaterPowered);
        Assert.Equal(before.Value.DegreesCelsius, after.Value.DegreesCelsius, 2);
        Assert.True(house.World.RoomTemperatureCelsius > before.Value.DegreesCelsius + 1.0);
    }

    [Fact]
    public void Co2Drifting_TwoHours_ChipReadsTheDriftAboveTheTruth()
    {
        using var house = new DemoHouse(new DemoHouseOptions());
        house.World.Faults.LivingCo2.Drift(100.0, house.Clock.GetUtcNow());

        house.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(house.World.RoomCo2Ppm + 200.0, house.Scd4x.Co2, 1.0);
    }

    [Fact]
    public void HeaterRelayStuckOff_LineDrivenHigh_HeaterUnpoweredAndRoomCools()
    {
        using var house = new DemoHouse(new DemoHouseOptions());
        using var gpio = new GpioController(house.Gpio);
        using var heater = new Relay(gpio, DemoHouseWiring.HeaterRelayPin);
        house.World.Faults.HeaterRelay = RelayFault.StuckOff;
        heater.TurnOn();
        var before = house.World.RoomTemperatureCelsius;

        house.Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(heater.IsOn);
        Assert.False(house.World.HeaterPowered);
        Assert.True(house.World.RoomTemperatureCelsius < before);
    }

    [Fact]
    public void PinNoise_GlitchesOnTheDoorContact_DebouncedContactStaysClosed()
    {
        using var house = new DemoHouse(new DemoHouseOptions());
        using var gpio = new GpioController(house.Gpio);
        using var door = new ContactSensor(gpio, DemoHouseWiring.DoorContactPin, ContactKind.Door, house.Clock);
        var edges = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(DemoHouseWiring.DoorContactPin, PinEventTypes.Rising, (_, _) => edges++);
        var reportedOpen = false;
        door.OpenChanged += r => reportedOpen |= r.Value;
        house.World.Faults.PinNoiseProbability = 1.0;

        house.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(1)));

        Assert.Equal(30, edges);
        Assert.False(reportedOpen);
        Assert.False(door.Open.Value);
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.DoorContactPin));
    }

    [Fact]
    public void BoltJammed_RelayDeenergised_BoltStaysThrown()
    {
        using var house = new DemoHouse(new DemoHouseOptions());
        using var gpio = new GpioController(house.Gpio);
        using var boltRelay = new Relay(gpio, DemoHouseWiring.BoltRelayPin);
        house.Bolt.Jammed = true;

        boltRelay.TurnOff();
        house.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(house.Bolt.IsThrown);
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.BoltSwitchPin));
    }
}
