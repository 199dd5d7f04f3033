using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Climate;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Simulation.Clock;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.Devices.Tests.Climate;
using EdgeAi.Devices.Tests.Clock;

namespace EdgeAi.Devices.Tests.World;

/// <summary>
/// A simulated day of the demo house at max speed with the real thermostat holding 21 °C over the real BME280 driver on
/// the simulated bus, closing the loop through the world's thermal model.
/// </summary>
[Collection(nameof(SerialSimulationTests))]
public sealed class HeatingDayTests : IDisposable
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromHours(2);
    private readonly string _reportDirectory = Path.Combine(Path.GetTempPath(), "edgeai-heating-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_reportDirectory))
        {
            Directory.Delete(_reportDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SimulatedDay_ThermostatAt21_HoldsWithinOneDegreeAfterWarmUpAndRespectsMinimumCycle()
    {
        using var house = new DemoHouse(new DemoHouseOptions { Seed = 7 });
        var start = house.Clock.GetUtcNow();
        using var gpio = new GpioController(house.Gpio);
        var bme = new Bme280(house.CreateI2cDevice(DemoHouseWiring.Bme280Address), house.Clock);
        bme.SetMode(Bme280Mode.Normal);
        using var heater = new Relay(gpio, DemoHouseWiring.HeaterRelayPin);
        var options = new ThermostatOptions();
        using var thermostat = new ThermostatController(
            "living", bme, heater, null, options,
            new InMemoryThermostatSettingsStore { Saved = new ThermostatSettings(ThermostatMode.Heat, 21.0) },
            house.Clock);
        var switches = new List<DateTimeOffset>();
        heater.StateChanged += _ => switches.Add(house.Clock.GetUtcNow());
        using var report = new HeatingDayReport();
        report.RecordEvery(house.World, () => thermostat.State.TargetCelsius, house.Clock, TimeSpan.FromMinutes(1));
        thermostat.Start();

        await house.Clock.RunAsync(SimulationSpeed.Max, start.AddDays(1)).WaitAsync(TimeSpan.FromSeconds(60));

        var afterWarmUp = report.Samples.Where(s => s.Time >= start + WarmUp).ToList();
        Assert.True(afterWarmUp.Count >= 22 * 60, $"only {afterWarmUp.Count} samples after warm-up");
        Assert.All(afterWarmUp, s => Assert.InRange(s.RoomCelsius, 20.0, 22.0));
        var gaps = switches.Zip(switches.Skip(1), (a, b) => b - a).ToList();
        Assert.True(switches.Count >= 10, $"the heater switched only {switches.Count} times: no control loop ran");
        Assert.All(gaps, gap => Assert.True(gap >= options.MinimumCycle, $"the relay switched after {gap}"));
        Assert.Equal(ThermostatFault.None, thermostat.State.Fault);

        var png = report.RenderPng(_reportDirectory);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(Path.Combine(_reportDirectory, HeatingDayReport.PngFileName), png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.True(bytes.Length > 20_000, $"the PNG has only {bytes.Length} bytes");
    }

    [Fact]
    public void RenderPng_NoSamples_Throws()
    {
        using var report = new HeatingDayReport();

        Assert.Throws<InvalidOperationException>(() => report.RenderPng(_reportDirectory));
    }
}
