using System.Globalization;

namespace EdgeAi.Devices.Units;

/// <summary>A relative humidity in percent (Home Assistant device class <c>humidity</c>, unit <c>%</c>).</summary>
/// <remarks>
/// A plain value: it does not judge plausibility (NaN and infinity pass through), which is the sensor's and the
/// controller's job; a thermostat must be able to see a broken reading to fail safe on it.
/// </remarks>
public readonly record struct RelativeHumidity : IComparable<RelativeHumidity>
{
    /// <summary>Creates the value from Percent.</summary>
    public RelativeHumidity(double percent)
    {
        Percent = percent;
    }

    /// <summary>The value in %.</summary>
    public double Percent { get; }

    /// <inheritdoc />
    public int CompareTo(RelativeHumidity other) => Percent.CompareTo(other.Percent);

    /// <summary>Whether the left value is smaller.</summary>
    public static bool operator <(RelativeHumidity left, RelativeHumidity right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left value is larger.</summary>
    public static bool operator >(RelativeHumidity left, RelativeHumidity right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left value is smaller or equal.</summary>
    public static bool operator <=(RelativeHumidity left, RelativeHumidity right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left value is larger or equal.</summary>
    public static bool operator >=(RelativeHumidity left, RelativeHumidity right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Percent:0.##} %");
}
