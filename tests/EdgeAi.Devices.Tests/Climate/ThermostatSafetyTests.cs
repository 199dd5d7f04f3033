using EdgeAi.Devices.Climate;

namespace EdgeAi.Devices.Tests.Climate;

/// <summary>Bad readings, bad commands and restarts.</summary>
public sealed class ThermostatSafetyTests : ThermostatFixture
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteReading_HeaterOffAndFaultWithinOnePeriod(double reading)
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);

        Sensor.Celsius = reading;
        AdvancePeriods(1);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatFault.NotFinite, thermostat.State.Fault);
        Assert.Equal(ThermostatAction.Off, thermostat.State.Action);
    }

    [Fact]
    public void NonFiniteReading_LogsFaultWithEventId3101()
    {
        var logger = new ListLogger();
        Sensor.Celsius = double.NaN;
        var heater = Own(new EdgeAi.Devices.Actuators.Relay(Controller, HeaterPin));
        var thermostat = Own(new ThermostatController("living", Sensor, heater, null, Options, Store, Time, logger));

        thermostat.Start();

        var entry = Assert.Single(logger.Entries, e => e.EventId.Id == 3101);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, entry.Level);
        Assert.Contains("NotFinite", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-45.0)]
    [InlineData(85.0)]
    public void ImplausibleReading_HeaterOffAndOutOfPhysicalRangeFault(double reading)
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);

        Sensor.Celsius = reading;
        AdvancePeriods(1);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatFault.OutOfPhysicalRange, thermostat.State.Fault);
    }

    [Fact]
    public void SilentSensor_HeaterKeptUntilStaleThenOffWithinOnePeriod()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);
        Sensor.Fails = true;

        Time.Advance(Options.StaleAfter);
        var onWhileFresh = HeaterLineOn;
        AdvancePeriods(1);

        Assert.True(onWhileFresh);
        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatFault.Stale, thermostat.State.Fault);
    }

    [Fact]
    public void ThrowingSensor_CountedAsFailedReadAndEndsInStaleFault()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);
        Sensor.Throws = true;

        Time.Advance(Options.StaleAfter + Options.ControlPeriod);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatFault.Stale, thermostat.State.Fault);
    }

    [Fact]
    public void Start_SensorNeverRead_NoReadingFaultAndHeaterOff()
    {
        Sensor.Fails = true;
        Sensor.Celsius = 10.0;

        var thermostat = Started(ThermostatMode.Heat);

        Assert.False(HeaterLineOn);
        Assert.Equal(ThermostatFault.NoReading, thermostat.State.Fault);
    }

    [Fact]
    public void FaultCleared_ValidReadingsReturn_HeatingResumes()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Started(ThermostatMode.Heat);
        Sensor.Celsius = double.NaN;
        AdvancePeriods(1);

        Sensor.Celsius = 18.0;
        Time.Advance(Options.MinimumCycle);

        Assert.Equal(ThermostatFault.None, thermostat.State.Fault);
        Assert.True(HeaterLineOn);
    }

    [Theory]
    [InlineData(6.9)]
    [InlineData(35.1)]
    [InlineData(double.NaN)]
    public void SetTargetTemperature_OutsideLimits_RejectedNamingLimitsAndNothingChanges(double target)
    {
        var thermostat = Started(ThermostatMode.Heat);
        var saves = Store.Saves;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => thermostat.SetTargetTemperature(target));

        Assert.Contains("min_temp 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_temp 35", error.Message, StringComparison.Ordinal);
        Assert.Equal(21.0, thermostat.State.TargetCelsius);
        Assert.Equal(saves, Store.Saves);
    }

    [Fact]
    public void SetTargetTemperature_AtLimit_AcceptedNotClamped()
    {
        var thermostat = Started(ThermostatMode.Heat);

        Assert.True(thermostat.TrySetTargetTemperature(35.0, out var error));

        Assert.Null(error);
        Assert.Equal(35.0, thermostat.State.TargetCelsius);
        Assert.Equal(new ThermostatSettings(ThermostatMode.Heat, 35.0), Store.Saved);
    }

    [Fact]
    public void SetMode_StoreCannotSave_ThrowsAndNothingChanges()
    {
        Sensor.Celsius = 18.0;
        var thermostat = Create(store: new FailingStore());
        thermostat.Start();

        Assert.Throws<IOException>(() => thermostat.SetMode(ThermostatMode.Heat));
        AdvancePeriods(3);

        Assert.Equal(ThermostatMode.Off, thermostat.State.Mode);
        Assert.False(HeaterLineOn);
    }

    [Fact]
    public void Restart_WithJsonStore_RestoresTargetAndMode()
    {
        var directory = Directory.CreateTempSubdirectory("edgeai-thermostat-");
        try
        {
            var path = Path.Combine(directory.FullName, "data", "thermostat-living.json");
            var first = Create(store: new JsonFileThermostatSettingsStore(path));
            first.SetMode(ThermostatMode.Heat);
            first.SetTargetTemperature(22.5);
            first.Dispose();

            var second = new ThermostatController("living", Sensor, new EdgeAi.Devices.Actuators.Relay(Controller, 5), null, Options, new JsonFileThermostatSettingsStore(path), Time);
            Own(second);

            Assert.Equal(ThermostatMode.Heat, second.State.Mode);
            Assert.Equal(22.5, second.State.TargetCelsius);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Restore_SavedTargetOutsideCurrentLimits_StartsOffWithDefault()
    {
        Store.Saved = new ThermostatSettings(ThermostatMode.Heat, 40.0);

        var thermostat = Create();

        Assert.Equal(ThermostatMode.Off, thermostat.State.Mode);
        Assert.Equal(Options.DefaultTarget, thermostat.State.TargetCelsius);
    }

    [Fact]
    public void JsonStore_MalformedFile_LoadsNothing()
    {
        var directory = Directory.CreateTempSubdirectory("edgeai-thermostat-");
        try
        {
            var path = Path.Combine(directory.FullName, "thermostat.json");
            File.WriteAllText(path, "{ \"mode\": \"heat\", \"targetCelsius\": ");

            Assert.Null(new JsonFileThermostatSettingsStore(path).Load());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed class FailingStore : IThermostatSettingsStore
    {
        public ThermostatSettings? Load() => null;

        public void Save(ThermostatSettings settings) => throw new IOException("disk full");
    }
}
