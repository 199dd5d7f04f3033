using System.Globalization;

namespace EdgeAi.Devices.Units;

/// <summary>An illuminance in lux (Home Assistant device class <c>illuminance</c>, unit <c>lx</c>).</summary>
/// <remarks>
/// A plain value: it does not judge plausibility (NaN and infinity pass through), which is the sensor's and the
/// controller's job; a thermostat must be able to see a broken reading to fail safe on it.
/// </remarks>
public readonly record struct Illuminance : IComparable<Illuminance>
{
    /// <summary>Creates the value from Lux.</summary>
    public Illuminance(double lux)
    {
        Lux = lux;
    }

    /// <summary>The value in lx.</summary>
    public double Lux { get; }

    /// <inheritdoc />
    public int CompareTo(Illuminance other) => Lux.CompareTo(other.Lux);

    /// <summary>Whether the left value is smaller.</summary>
    public static bool operator <(Illuminance left, Illuminance right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left value is larger.</summary>
    public static bool operator >(Illuminance left, Illuminance right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left value is smaller or equal.</summary>
    public static bool operator <=(Illuminance left, Illuminance right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left value is larger or equal.</summary>
    public static bool operator >=(Illuminance left, Illuminance right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lux:0.##} lx");
}
