using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Tests.Climate;

/// <summary>A temperature source the test sets directly; readings carry the fake clock's time.</summary>
public sealed class FakeTemperatureSensor(TimeProvider time) : ITemperatureSensor
{
    public double Celsius { get; set; } = 20.0;

    public bool Fails { get; set; }

    public bool Throws { get; set; }

    public int Reads { get; private set; }

    public bool TryReadTemperature(out SensorReading<Temperature> reading)
    {
        Reads++;
        if (Throws)
        {
            throw new InvalidOperationException("sensor driver bug");
        }

        if (Fails)
        {
            reading = default;
            return false;
        }

        reading = new SensorReading<Temperature>(new Temperature(Celsius), time.GetUtcNow());
        return true;
    }
}
