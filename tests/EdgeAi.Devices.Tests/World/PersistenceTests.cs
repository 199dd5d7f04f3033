using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

[Collection(nameof(SerialSimulationTests))]
public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgeai-world-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void NewHouse_SameDirectoryAfterKill_ResumesTimeRoomBoltAndRelays()
    {
        // The first house is never disposed: it stands for a process killed with SIGKILL, whose last words are whatever it
        // had already written.
        var first = new DemoHouse(new DemoHouseOptions { Seed = 4, StateDirectory = _directory });
        var gpio = new GpioController(first.Gpio);
        var boltRelay = new Relay(gpio, DemoHouseWiring.BoltRelayPin);
        var heater = new Relay(gpio, DemoHouseWiring.HeaterRelayPin);
        heater.TurnOn();
        first.Clock.Advance(TimeSpan.FromMinutes(42));
        boltRelay.TurnOff();
        first.Clock.Advance(TimeSpan.FromSeconds(5));
        var killedAt = first.Clock.GetUtcNow();
        var celsius = first.World.RoomTemperatureCelsius;
        var co2 = first.World.RoomCo2Ppm;

        using var second = new DemoHouse(new DemoHouseOptions { Seed = 4, StateDirectory = _directory });

        Assert.True(second.Resumed);
        // Discrete changes are saved at once, the drifting temperature and CO2 at least every simulated minute.
        Assert.InRange(second.Clock.GetUtcNow(), killedAt.AddMinutes(-1), killedAt);
        Assert.Equal(celsius, second.World.RoomTemperatureCelsius, 0.05);
        Assert.Equal(co2, second.World.RoomCo2Ppm, 5.0);
        Assert.False(second.Bolt.IsThrown);
        Assert.Equal(PinValue.High, second.Gpio.PeekLevel(DemoHouseWiring.BoltSwitchPin));
        Assert.Equal(PinValue.High, second.Gpio.PeekLevel(DemoHouseWiring.HeaterRelayPin));
        Assert.Equal(PinValue.Low, second.Gpio.PeekLevel(DemoHouseWiring.BoltRelayPin));
        Assert.True(second.World.HeaterPowered);
        Assert.False(File.Exists(second.StateFile!.FilePath + ".tmp"));
    }

    [Fact]
    public void NewHouse_SavedMidTravel_BoltFinishesTheTravelItsRelayDrives()
    {
        var first = new DemoHouse(new DemoHouseOptions { StateDirectory = _directory });
        var gpio = new GpioController(first.Gpio);
        var boltRelay = new Relay(gpio, DemoHouseWiring.BoltRelayPin);
        boltRelay.TurnOff();

        using var second = new DemoHouse(new DemoHouseOptions { StateDirectory = _directory });
        var thrownAtResume = second.Bolt.IsThrown;
        second.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(thrownAtResume);
        Assert.False(second.Bolt.IsThrown);
    }

    [Fact]
    public void NewHouse_CorruptStateFile_ThrowsNamingTheFileAndLeavesItAlone()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, HouseStateFile.FileName);
        File.WriteAllText(path, "{ \"version\": 1, \"simulated_time\": ");

        var error = Assert.Throws<HouseStateFileException>(() => new DemoHouse(new DemoHouseOptions { StateDirectory = _directory }));

        Assert.Contains(Path.GetFullPath(path), error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        Assert.Equal("{ \"version\": 1, \"simulated_time\": ", File.ReadAllText(path));
    }

    [Fact]
    public void StateFile_AfterARelayChange_HoldsTheNewLevelAtOnce()
    {
        using var house = new DemoHouse(new DemoHouseOptions { StateDirectory = _directory });
        using var gpio = new GpioController(house.Gpio);
        using var porch = new Relay(gpio, DemoHouseWiring.PorchLightRelayPin);

        porch.TurnOn();
        var saved = house.StateFile!.Load();

        Assert.NotNull(saved);
        Assert.Contains(DemoHouseWiring.PorchLightRelayPin, saved.OutputsHigh);
    }
}
