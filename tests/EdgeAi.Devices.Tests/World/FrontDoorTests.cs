using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

[Collection(nameof(SerialSimulationTests))]
public sealed class FrontDoorTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SimulatedDay_DoorNeverOpensWhileBoltThrown_OccupantsWaitForTheUnlock()
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 9 });
        using var gpio = new GpioController(house.Gpio);
        using var boltRelay = new Relay(gpio, DemoHouseWiring.BoltRelayPin);
        var openings = new List<(DateTimeOffset At, bool BoltThrown, bool BoltMoving)>();
        house.World.Door.Changed += open =>
        {
            if (open)
            {
                openings.Add((house.Clock.GetUtcNow(), house.Bolt.IsThrown, house.Bolt.IsMoving));
            }
        };

        // Locked until 09:30 (everyone wants out around 08:00), unlocked for the day, locked again at 21:00.
        var unlockAt = Midnight.AddHours(9.5);
        using var unlock = house.Clock.CreateTimer(_ => boltRelay.TurnOff(), null, unlockAt - Midnight, Timeout.InfiniteTimeSpan);
        using var relock = house.Clock.CreateTimer(_ => boltRelay.TurnOn(), null, TimeSpan.FromHours(21), Timeout.InfiniteTimeSpan);

        house.Clock.AdvanceTo(Midnight.AddDays(1));

        Assert.True(boltRelay.IsOn);
        Assert.True(house.Bolt.IsThrown);
        Assert.True(house.World.Door.RefusedByBolt > 0, "nobody tried the locked door");
        Assert.True(openings.Count >= 2, $"the door opened {openings.Count} times: nobody left and came back");
        Assert.All(openings, o => Assert.False(o.BoltThrown || o.BoltMoving, $"the door opened at {o.At} with the bolt thrown or moving"));
        Assert.All(openings, o => Assert.True(o.At > unlockAt, $"the door opened at {o.At}, before the unlock"));
        Assert.False(house.World.Door.IsOpen);
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.DoorContactPin));
    }

    [Fact]
    public void FirstStart_DoorClosedBoltThrownAndRelayEnergised()
    {
        using var house = new DemoHouse(new DemoHouseOptions());

        Assert.True(house.Bolt.IsThrown);
        Assert.False(house.World.Door.IsOpen);
        Assert.False(house.World.WindowOpen);
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.BoltSwitchPin));
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.DoorContactPin));
        Assert.Equal(PinValue.Low, house.Gpio.PeekLevel(DemoHouseWiring.WindowContactPin));
        Assert.Equal(PinValue.High, house.Gpio.PeekLevel(DemoHouseWiring.BoltRelayPin));
        Assert.InRange(house.World.RoomTemperatureCelsius, 18.5, 19.5);
        Assert.False(house.Resumed);
    }

    [Fact]
    public void Force_ScenarioForcesTheDoor_BoltPushedBackAndDoorOpens()
    {
        using var house = new DemoHouse(new DemoHouseOptions());

        house.World.Door.Force(TimeSpan.FromSeconds(30));

        Assert.False(house.Bolt.IsThrown);
        Assert.True(house.World.Door.IsOpen);
        Assert.Equal(PinValue.High, house.Gpio.PeekLevel(DemoHouseWiring.DoorContactPin));
    }
}
