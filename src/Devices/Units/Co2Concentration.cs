using System.Globalization;

namespace EdgeAi.Devices.Units;

/// <summary>A carbon dioxide concentration in parts per million (Home Assistant device class <c>carbon_dioxide</c>, unit <c>ppm</c>).</summary>
/// <remarks>
/// A plain value: it does not judge plausibility (NaN and infinity pass through), which is the sensor's and the
/// controller's job; a thermostat must be able to see a broken reading to fail safe on it.
/// </remarks>
public readonly record struct Co2Concentration : IComparable<Co2Concentration>
{
    /// <summary>Creates the value from PartsPerMillion.</summary>
    public Co2Concentration(double partsPerMillion)
    {
        PartsPerMillion = partsPerMillion;
    }

    /// <summary>The value in ppm.</summary>
    public double PartsPerMillion { get; }

    /// <inheritdoc />
    public int CompareTo(Co2Concentration other) => PartsPerMillion.CompareTo(other.PartsPerMillion);

    /// <summary>Whether the left value is smaller.</summary>
    public static bool operator <(Co2Concentration left, Co2Concentration right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left value is larger.</summary>
    public static bool operator >(Co2Concentration left, Co2Concentration right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left value is smaller or equal.</summary>
    public static bool operator <=(Co2Concentration left, Co2Concentration right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left value is larger or equal.</summary>
    public static bool operator >=(Co2Concentration left, Co2Concentration right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PartsPerMillion:0.##} ppm");
}
