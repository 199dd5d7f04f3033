using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Climate;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Climate;

/// <summary>A heater on GPIO 17 and a cooler on GPIO 27 of a simulated board, a fake sensor and a fake clock.</summary>
public abstract class ThermostatFixture : IDisposable
{
    protected const int HeaterPin = 17;
    protected const int CoolerPin = 27;

    private readonly List<IDisposable> _owned = [];

    protected ThermostatFixture()
    {
        Controller = new GpioController(Driver);
        Sensor = new FakeTemperatureSensor(Time);
    }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero));

    protected SimulatedGpioDriver Driver { get; } = new();

    protected GpioController Controller { get; }

    protected FakeTemperatureSensor Sensor { get; }

    protected InMemoryThermostatSettingsStore Store { get; } = new();

    protected ThermostatOptions Options { get; set; } = new()
    {
        ControlPeriod = TimeSpan.FromSeconds(10),
        MinimumCycle = TimeSpan.FromMinutes(5),
        MaximumRunTime = TimeSpan.FromHours(2),
        Cooldown = TimeSpan.FromMinutes(15),
        StaleAfter = TimeSpan.FromMinutes(5),
        Hysteresis = 0.3,
    };

    protected bool HeaterLineOn => Driver.PeekLevel(HeaterPin) == PinValue.High;

    protected bool CoolerLineOn => Driver.PeekLevel(CoolerPin) == PinValue.High;

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        Controller.Dispose();
        GC.SuppressFinalize(this);
    }

    protected ThermostatController Create(bool withCooler = false, IThermostatSettingsStore? store = null)
    {
        var heater = Own(new Relay(Controller, HeaterPin));
        var cooler = withCooler ? Own(new Relay(Controller, CoolerPin)) : null;
        return Own(new ThermostatController("living", Sensor, heater, cooler, Options, store ?? Store, Time));
    }

    /// <summary>A started thermostat in <paramref name="mode"/> with target 21 °C.</summary>
    protected ThermostatController Started(ThermostatMode mode, bool withCooler = false)
    {
        Store.Saved = new ThermostatSettings(mode, 21.0);
        var thermostat = Create(withCooler);
        thermostat.Start();
        return thermostat;
    }

    protected void AdvancePeriods(int periods)
    {
        for (var i = 0; i < periods; i++)
        {
            Time.Advance(Options.ControlPeriod);
        }
    }

    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
