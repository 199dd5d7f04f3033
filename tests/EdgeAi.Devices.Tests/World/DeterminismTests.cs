using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

[Collection(nameof(SerialSimulationTests))]
public sealed class DeterminismTests
{
    [Fact]
    public void SameSeed_HalfADay_SameTrace()
    {
        var first = Trace(seed: 21);
        var second = Trace(seed: 21);

        Assert.Equal(first, second);
    }

    [Fact]
    public void OtherSeed_HalfADay_DifferentTrace()
    {
        Assert.NotEqual(Trace(seed: 21), Trace(seed: 22));
    }

    private static List<string> Trace(int seed)
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = seed, Start = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero) });
        var trace = new List<string>();
        house.Gpio.OutputChanged += (pin, level) => trace.Add($"{house.Clock.GetUtcNow():O} out {pin} {level}");
        house.World.Door.Changed += open => trace.Add($"{house.Clock.GetUtcNow():O} door {open}");
        using var sampler = house.Clock.CreateTimer(
            _ => trace.Add(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{house.Clock.GetUtcNow():O} {house.World.RoomTemperatureCelsius:R} {house.World.RoomCo2Ppm:R} {house.World.RoomLux:R} {string.Join(',', house.World.Occupants)} hall {house.World.HallMotion.Triggers} street {house.World.StreetMotion.Triggers}")),
            null,
            TimeSpan.FromMinutes(10),
            TimeSpan.FromMinutes(10));

        house.Clock.Advance(TimeSpan.FromHours(12));
        return trace;
    }
}
