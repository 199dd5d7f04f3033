using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Climate;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Simulation;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Climate;

/// <summary>
/// The thermostat wired as a host wires it: the real BME280 driver on the simulated I2C bus and a relay on the simulated
/// GPIO board, with a crude room (warms 0.2 °C/min with the heater on, cools 0.05 °C/min without) closing the loop.
/// </summary>
public sealed class ThermostatOverBme280Tests : IDisposable
{
    private const int HeaterPin = 17;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero));
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly SimulatedBme280 _chip;
    private readonly Relay _heater;
    private readonly ThermostatController _thermostat;

    public ThermostatOverBme280Tests()
    {
        _controller = new GpioController(_driver);
        _chip = new SimulatedBme280(_time) { Temperature = 17.0 };
        _bus.Attach(Bme280.PrimaryAddress, _chip);
        var sensor = new Bme280(_bus.CreateDevice(Bme280.PrimaryAddress), _time);
        sensor.SetMode(Bme280Mode.Normal);
        _heater = new Relay(_controller, HeaterPin);
        _thermostat = new ThermostatController(
            "living",
            sensor,
            _heater,
            null,
            new ThermostatOptions { MinimumCycle = TimeSpan.FromMinutes(3) },
            new InMemoryThermostatSettingsStore { Saved = new ThermostatSettings(ThermostatMode.Heat, 21.0) },
            _time);
    }

    public void Dispose()
    {
        _thermostat.Dispose();
        _heater.Dispose();
        _controller.Dispose();
        _bus.Dispose();
    }

    [Fact]
    public void Start_BeforeChipsFirstMeasurement_NoReadingFaultThenHeatsNextPeriod()
    {
        _thermostat.Start();
        var first = _thermostat.State.Fault;

        _time.Advance(new ThermostatOptions().ControlPeriod);

        Assert.Equal(ThermostatFault.NoReading, first);
        Assert.Equal(ThermostatFault.None, _thermostat.State.Fault);
        Assert.True(_heater.IsOn);
    }

    [Fact]
    public void ColdRoom_TwoHoursOfControl_HoldsTargetWithinOneDegreeAfterWarmUp()
    {
        _thermostat.Start();
        var afterWarmUp = new List<double>();

        for (var minute = 0; minute < 120; minute++)
        {
            _chip.Temperature += _heater.IsOn ? 0.2 : -0.05;
            _time.Advance(TimeSpan.FromMinutes(1));
            if (minute >= 45)
            {
                afterWarmUp.Add(_chip.Temperature);
            }
        }

        Assert.All(afterWarmUp, t => Assert.InRange(t, 20.0, 22.0));
        Assert.Equal(ThermostatFault.None, _thermostat.State.Fault);
        Assert.NotNull(_thermostat.State.CurrentTemperature);
    }

    [Fact]
    public void SensorUnplugged_HeaterOffOnceReadingIsStale()
    {
        _thermostat.Start();
        _time.Advance(new ThermostatOptions().ControlPeriod);
        Assert.True(_heater.IsOn);

        _bus.Detach(Bme280.PrimaryAddress);
        _time.Advance(new ThermostatOptions().StaleAfter + new ThermostatOptions().ControlPeriod);

        Assert.False(_heater.IsOn);
        Assert.Equal(ThermostatFault.Stale, _thermostat.State.Fault);
    }
}
