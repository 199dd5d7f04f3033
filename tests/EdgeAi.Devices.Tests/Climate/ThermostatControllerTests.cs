using System.Device.Gpio;
using EdgeAi.Devices.Climate;

namespace EdgeAi.Devices.Tests.Climate;

/// <summary>Heating and cooling decisions, hysteresis and timing rules.</summary>
public sealed class ThermostatControllerTests : ThermostatFixture
{
    [Fact]
    public void Constructor_ModeOffAndRelayFoundOn_SwitchesRelayOffAtOnce()
    {
        Controller.OpenPin(HeaterPin, PinMode.Output, PinValue.High);
        Controller.ClosePin(HeaterPin);
        Assert.Equal(PinValue.High, Driver.PeekLevel(HeaterPin));

        var thermostat = Create();

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatMode.Off, thermostat.State.Mode);
    }

    [Fact]
    public void Constructor_NoSavedSettings_StartsOffWithDefaultTarget()
    {
        var thermostat = Create();

        Assert.Equal(ThermostatMode.Off, thermostat.State.Mode);
        Assert.Equal(Options.DefaultTarget, thermostat.State.TargetCelsius);
    }

    [Fact]
    public void Start_HeatModeColdRoom_SwitchesHeaterOn()
    {
        Sensor.Celsius = 18.0;

        var thermostat = Started(ThermostatMode.Heat);

        Assert.True(HeaterLineOn);
        Assert.Equal(ThermostatAction.Heating, thermostat.State.Action);
    }

    [Fact]
    public void Start_HeatModeInsideHysteresisBand_LeavesHeaterOff()
    {
        Sensor.Celsius = 21.0 - 0.2;

        var thermostat = Started(ThermostatMode.Heat);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatAction.Idle, thermostat.State.Action);
    }

    [Fact]
    public void Heating_RoomPassesTargetPlusHysteresis_HeaterOffOnceMinimumCycleAllows()
    {
        Sensor.Celsius = 18.0;
        Started(ThermostatMode.Heat);
        Sensor.Celsius = 21.4;

        AdvancePeriods(1);
        var onDuringMinimumCycle = HeaterLineOn;
        Time.Advance(Options.MinimumCycle);

        Assert.True(onDuringMinimumCycle);
        Assert.False(HeaterLineOn);
    }

    [Fact]
    public void Heating_RoomBetweenTargetAndUpperBand_HeaterStaysOn()
    {
        Sensor.Celsius = 18.0;
        Started(ThermostatMode.Heat);
        Sensor.Celsius = 21.2;

        Time.Advance(Options.MinimumCycle + Options.ControlPeriod);

        Assert.True(HeaterLineOn);
    }

    [Fact]
    public void OscillatingTemperature_NeverTogglesRelayFasterThanMinimumCycle()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);
        var switches = new List<DateTimeOffset> { Time.GetUtcNow() };
        Driver.OutputChanged += (pin, _) =>
        {
            if (pin == HeaterPin)
            {
                switches.Add(Time.GetUtcNow());
            }
        };

        // Every control period the reading jumps across the whole band: without the rule the relay would follow it.
        for (var i = 0; i < 360; i++)
        {
            Sensor.Celsius = i % 2 == 0 ? 23.0 : 19.0;
            AdvancePeriods(1);
        }

        var gaps = switches.Zip(switches.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Count >= 5, $"the relay should still switch, it switched {gaps.Count} times");
        Assert.All(gaps, gap => Assert.True(gap >= Options.MinimumCycle, $"switched after {gap}"));
        Assert.Equal(ThermostatFault.None, thermostat.State.Fault);
    }

    [Fact]
    public void Heating_ForMaximumRunTime_SwitchedOffWithinOnePeriodAndRestsForCooldown()
    {
        Sensor.Celsius = 15.0;
        Started(ThermostatMode.Heat);

        Time.Advance(Options.MaximumRunTime - Options.ControlPeriod);
        var onBeforeLimit = HeaterLineOn;
        AdvancePeriods(1);
        var offAtLimit = !HeaterLineOn;
        Time.Advance(Options.Cooldown - Options.ControlPeriod);
        var offDuringCooldown = !HeaterLineOn;
        AdvancePeriods(2);

        Assert.True(onBeforeLimit);
        Assert.True(offAtLimit);
        Assert.True(offDuringCooldown);
        Assert.True(HeaterLineOn);
    }

    [Fact]
    public void HeaterSwitchedOnByAnotherWriter_MaximumRunTimeStillApplies()
    {
        Sensor.Celsius = 22.0;
        Started(ThermostatMode.Heat);
        Controller.Write(HeaterPin, PinValue.High);
        Sensor.Celsius = 15.0;
        var periodsInMaximumRun = (int)(Options.MaximumRunTime / Options.ControlPeriod);

        // Step period by period: the controller first sees the foreign "on" one period after the write.
        AdvancePeriods(periodsInMaximumRun);
        var onAtLimitFromWrite = HeaterLineOn;
        AdvancePeriods(1);

        Assert.True(onAtLimitFromWrite);
        Assert.False(HeaterLineOn);
    }

    [Fact]
    public void SetMode_OffWhileHeating_SwitchesHeaterOffAtOnce()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);

        thermostat.SetMode(ThermostatMode.Off);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatAction.Off, thermostat.State.Action);
    }

    [Fact]
    public void CoolMode_RoomAboveTargetPlusHysteresis_SwitchesCoolerOn()
    {
        Sensor.Celsius = 25.0;

        var thermostat = Started(ThermostatMode.Cool, withCooler: true);

        Assert.True(CoolerLineOn);
        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatAction.Cooling, thermostat.State.Action);
    }

    [Fact]
    public void AutoMode_SweepAcrossRange_HeaterAndCoolerNeverOnTogether()
    {
        Sensor.Celsius = 17.0;
        Started(ThermostatMode.Auto, withCooler: true);
        var bothOn = false;

        for (var i = 0; i < 720; i++)
        {
            // A slow triangle wave between 17 and 25 °C, 4 h per period.
            var phase = i % 1440 / 720.0;
            Sensor.Celsius = 17.0 + (8.0 * (phase < 0.5 ? phase * 2 : 2 - (phase * 2)));
            AdvancePeriods(1);
            bothOn |= HeaterLineOn && CoolerLineOn;
        }

        Assert.False(bothOn);
    }

    [Fact]
    public void AutoMode_HeatingReachesTarget_HeaterOffWithoutOvershootBand()
    {
        Sensor.Celsius = 18.0;
        Started(ThermostatMode.Auto, withCooler: true);
        Sensor.Celsius = 21.0;

        Time.Advance(Options.MinimumCycle);

        Assert.False(HeaterLineOn);
        Assert.False(CoolerLineOn);
    }

    [Fact]
    public void SetMode_CoolWithoutCooler_RejectedAndNothingChanges()
    {
        var thermostat = Started(ThermostatMode.Heat);
        var saves = Store.Saves;

        var error = Assert.Throws<ArgumentException>(() => thermostat.SetMode(ThermostatMode.Cool));

        Assert.Contains("cooler", error.Message, StringComparison.Ordinal);
        Assert.Equal(ThermostatMode.Heat, thermostat.State.Mode);
        Assert.Equal(saves, Store.Saves);
    }

    [Fact]
    public void TrySetMode_UndefinedMode_ReturnsErrorAndNothingChanges()
    {
        var thermostat = Started(ThermostatMode.Heat);

        Assert.False(thermostat.TrySetMode((ThermostatMode)42, out var error));

        Assert.Contains("off, heat, cool or auto", error, StringComparison.Ordinal);
        Assert.Equal(ThermostatMode.Heat, thermostat.State.Mode);
    }

    [Fact]
    public void StateChanged_HeaterSwitchesOn_RaisedWithHeatingAction()
    {
        Sensor.Celsius = 21.0;
        var thermostat = Started(ThermostatMode.Heat);
        var states = new List<ThermostatState>();
        thermostat.StateChanged += states.Add;

        Sensor.Celsius = 20.0;
        AdvancePeriods(1);

        Assert.Contains(states, s => s.Action == ThermostatAction.Heating && s.HeaterOn);
    }

    [Fact]
    public void Dispose_WhileHeating_SwitchesHeaterOff()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);

        thermostat.Dispose();

        Assert.False(HeaterLineOn);
    }

    [Fact]
    public void Options_MinNotBelowMax_RejectedNamingTheOption()
    {
        Options = Options with { MinTemperature = 30, MaxTemperature = 30 };

        var error = Assert.Throws<ArgumentException>(() => Create());

        Assert.Contains("MinTemperature", error.Message, StringComparison.Ordinal);
    }
}
