using System.Globalization;

namespace EdgeAi.Devices.Units;

/// <summary>A temperature in degrees Celsius (Home Assistant device class <c>temperature</c>, unit <c>°C</c>).</summary>
/// <remarks>
/// A plain value: it does not judge plausibility (NaN and infinity pass through), which is the sensor's and the
/// controller's job; a thermostat must be able to see a broken reading to fail safe on it.
/// </remarks>
public readonly record struct Temperature : IComparable<Temperature>
{
    /// <summary>Creates the value from DegreesCelsius.</summary>
    public Temperature(double degreesCelsius)
    {
        DegreesCelsius = degreesCelsius;
    }

    /// <summary>The value in °C.</summary>
    public double DegreesCelsius { get; }

    /// <summary>The value in degrees Fahrenheit.</summary>
    public double DegreesFahrenheit => (DegreesCelsius * 9.0 / 5.0) + 32.0;

    /// <inheritdoc />
    public int CompareTo(Temperature other) => DegreesCelsius.CompareTo(other.DegreesCelsius);

    /// <summary>Whether the left value is smaller.</summary>
    public static bool operator <(Temperature left, Temperature right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left value is larger.</summary>
    public static bool operator >(Temperature left, Temperature right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left value is smaller or equal.</summary>
    public static bool operator <=(Temperature left, Temperature right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left value is larger or equal.</summary>
    public static bool operator >=(Temperature left, Temperature right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DegreesCelsius:0.##} °C");
}
