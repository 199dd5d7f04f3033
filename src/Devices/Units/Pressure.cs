using System.Globalization;

namespace EdgeAi.Devices.Units;

/// <summary>An absolute pressure (Home Assistant device class <c>atmospheric_pressure</c>, published in hPa).</summary>
/// <remarks>
/// A plain value: it does not judge plausibility (NaN and infinity pass through), which is the sensor's and the
/// controller's job; a thermostat must be able to see a broken reading to fail safe on it.
/// </remarks>
public readonly record struct Pressure : IComparable<Pressure>
{
    /// <summary>Creates the value from Pascals.</summary>
    public Pressure(double pascals)
    {
        Pascals = pascals;
    }

    /// <summary>The value in Pa.</summary>
    public double Pascals { get; }

    /// <summary>The value in hectopascals, the unit weather reports and Home Assistant use.</summary>
    public double Hectopascals => Pascals / 100.0;

    /// <summary>Creates the value from hectopascals.</summary>
    public static Pressure FromHectopascals(double hectopascals) => new(hectopascals * 100.0);

    /// <inheritdoc />
    public int CompareTo(Pressure other) => Pascals.CompareTo(other.Pascals);

    /// <summary>Whether the left value is smaller.</summary>
    public static bool operator <(Pressure left, Pressure right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left value is larger.</summary>
    public static bool operator >(Pressure left, Pressure right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left value is smaller or equal.</summary>
    public static bool operator <=(Pressure left, Pressure right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left value is larger or equal.</summary>
    public static bool operator >=(Pressure left, Pressure right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pascals:0.##} Pa");
}
