using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Units;
using Microsoft.Extensions.Logging;

namespace EdgeAi.Devices.Climate;

/// <summary>
/// Decides whether a thermostat may trust its temperature: reads the sensor, keeps the newest valid reading, and names
/// the fault when there is none to trust. Not thread-safe: <see cref="ThermostatController"/> holds its lock.
/// </summary>
internal sealed class TemperatureReadingGuard(ITemperatureSensor sensor, ThermostatOptions options, ILogger logger, string name)
{
    private ThermostatFault _readingFault;

    /// <summary>The newest reading that passed the checks, or null before the first.</summary>
    public SensorReading<Temperature>? LastValid { get; private set; }

    /// <summary>Reads the sensor once. A failed read changes nothing: staleness turns a silent sensor into a fault.</summary>
    public void Read()
    {
        bool ok;
        SensorReading<Temperature> reading;
        try
        {
            ok = sensor.TryReadTemperature(out reading);
        }
#pragma warning disable CA1031 // A throwing sensor must not stop the loop that keeps the heater safe: it is a failed read.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ThermostatLog.SensorThrew(logger, name, e);
            return;
        }

        if (!ok)
        {
            return;
        }

        var celsius = reading.Value.DegreesCelsius;
        if (!double.IsFinite(celsius))
        {
            _readingFault = ThermostatFault.NotFinite;
        }
        else if (celsius < options.MinPlausibleTemperature || celsius > options.MaxPlausibleTemperature)
        {
            _readingFault = ThermostatFault.OutOfPhysicalRange;
        }
        else
        {
            _readingFault = ThermostatFault.None;
            LastValid = reading;
        }
    }

    /// <summary>Why the temperature cannot be trusted at <paramref name="now"/>, or <see cref="ThermostatFault.None"/>.</summary>
    public ThermostatFault FaultAt(DateTimeOffset now)
    {
        if (_readingFault != ThermostatFault.None)
        {
            return _readingFault;
        }

        if (LastValid is not { } last)
        {
            return ThermostatFault.NoReading;
        }

        return now - last.Timestamp > options.StaleAfter ? ThermostatFault.Stale : ThermostatFault.None;
    }
}
