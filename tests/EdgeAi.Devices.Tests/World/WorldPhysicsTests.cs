using EdgeAi.Devices.Sensors.Rohm;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

[Collection(nameof(SerialSimulationTests))]
public sealed class WorldPhysicsTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveningAtHome_WindowShut_Co2RisesByHundredsOfPpmInAnHour()
    {
        // Both occupants are home by 17:45 whatever the seed; 18:00 is before the earliest evening airing (18:30).
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 3, Start = Midnight.AddHours(18) });
        house.World.HoldWindow(open: false);
        var before = house.World.RoomCo2Ppm;

        house.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([OccupantPlace.Living, OccupantPlace.Living], house.World.Occupants);
        Assert.InRange(house.World.RoomCo2Ppm - before, 300.0, 800.0);
        Assert.Equal(house.World.RoomCo2Ppm, house.Scd4x.Co2, 6);
    }

    [Fact]
    public void Co2HighAndWindowOpened_HalfAnHour_Co2FallsTowardOutdoorAndRoomCools()
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 3, Start = Midnight.AddHours(18) });
        house.World.HoldWindow(open: false);
        house.Clock.Advance(TimeSpan.FromHours(1));
        var co2Before = house.World.RoomCo2Ppm;
        var celsiusBefore = house.World.RoomTemperatureCelsius;

        house.World.HoldWindow(open: true);
        house.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.True(house.World.WindowOpen);
        Assert.Equal(System.Device.Gpio.PinValue.High, house.Gpio.PeekLevel(DemoHouseWiring.WindowContactPin));
        Assert.True(house.World.RoomCo2Ppm < co2Before - 300, $"CO2 went from {co2Before:F0} to {house.World.RoomCo2Ppm:F0} ppm");
        Assert.InRange(house.World.RoomCo2Ppm, 420.0, 700.0);
        Assert.True(house.World.RoomTemperatureCelsius < celsiusBefore - 0.2, "the open window did not cool the room");
    }

    [Fact]
    public void Lux_FollowsDayAndNight_AndTheLivingLightAddsToIt()
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 11 });
        var sensor = new Bh1750(house.CreateI2cDevice(DemoHouseWiring.Bh1750Address), house.Clock);
        sensor.StartContinuous();

        house.Clock.AdvanceTo(Midnight.AddHours(3));
        var night = Read(sensor);
        house.Clock.AdvanceTo(Midnight.AddHours(12));
        var noon = Read(sensor);
        house.Clock.AdvanceTo(Midnight.AddHours(20));
        var evening = Read(sensor);
        house.LivingLight.DutyCycle = 1.0;
        house.LivingLight.Start();
        house.Clock.Advance(TimeSpan.FromMinutes(1));
        var lamp = Read(sensor);

        Assert.InRange(night, 0.0, 1.0);
        Assert.InRange(noon, 3_000.0, 10_500.0);
        Assert.InRange(evening, 0.0, 1.0);
        Assert.InRange(lamp, 300.0, 400.0);
    }

    [Fact]
    public void Night_Pedestrians_TriggerTheStreetPir()
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 5, Start = Midnight.AddHours(17) });
        var highSeen = false;
        using var probe = house.Clock.CreateTimer(
            _ => highSeen |= house.Gpio.PeekLevel(DemoHouseWiring.StreetMotionPin) == System.Device.Gpio.PinValue.High,
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        house.Clock.Advance(TimeSpan.FromHours(6));

        Assert.InRange(house.World.StreetMotion.Triggers, 20, 200);
        Assert.True(highSeen);
    }

    private static double Read(Bh1750 sensor)
    {
        Assert.True(sensor.TryReadIlluminance(out var reading));
        return reading.Value.Lux;
    }
}
