namespace EdgeAi.Devices.Climate;

/// <summary>Keeps a thermostat's mode and target across restarts.</summary>
/// <remarks>
/// The controller calls <see cref="Load"/> once when it is created and <see cref="Save"/> before it applies a
/// command, from one thread at a time. <see cref="Save"/> must be durable when it returns, or throw (the command is
/// then not applied).
/// </remarks>
public interface IThermostatSettingsStore
{
    /// <summary>The saved settings, or null when none were saved or they cannot be read.</summary>
    ThermostatSettings? Load();

    /// <summary>Saves the settings.</summary>
    void Save(ThermostatSettings settings);
}
