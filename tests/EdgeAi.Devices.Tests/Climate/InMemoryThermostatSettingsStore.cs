using EdgeAi.Devices.Climate;

namespace EdgeAi.Devices.Tests.Climate;

public sealed class InMemoryThermostatSettingsStore : IThermostatSettingsStore
{
    public ThermostatSettings? Saved { get; set; }

    public int Saves { get; private set; }

    public ThermostatSettings? Load() => Saved;

    public void Save(ThermostatSettings settings)
    {
        Saves++;
        Saved = settings;
    }
}
