using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors;

/// <summary>A source of temperature readings, as a thermostat needs one.</summary>
/// <remarks>
/// Implementations read the chip on every call (one bus transaction, no retries) and must be safe to call from any
/// thread, one call at a time per instance. A failed read returns false and leaves no value; it never invents one.
/// </remarks>
public interface ITemperatureSensor
{
    /// <summary>Reads the current temperature.</summary>
    /// <param name="reading">The reading and its timestamp when the method returns true; default otherwise.</param>
    /// <returns>Whether a value was read.</returns>
    bool TryReadTemperature(out SensorReading<Temperature> reading);
}
