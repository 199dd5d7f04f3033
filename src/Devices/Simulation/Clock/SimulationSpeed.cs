using System.Globalization;

namespace EdgeAi.Devices.Simulation.Clock;

/// <summary>
/// How fast a <see cref="SimulationClock"/> runs: a time scale N (simulated time advances N times wall-clock time), or
/// <see cref="Max"/> (as fast as the CPU allows: time jumps to the next due event once the process is quiet).
/// </summary>
public readonly record struct SimulationSpeed
{
    private SimulationSpeed(double scale) => Scale = scale;

    /// <summary>As fast as the CPU allows.</summary>
    public static SimulationSpeed Max { get; } = new(double.PositiveInfinity);

    /// <summary>Real time (scale 1).</summary>
    public static SimulationSpeed RealTime { get; } = new(1.0);

    /// <summary>Simulated seconds per wall-clock second; positive infinity for <see cref="Max"/>.</summary>
    public double Scale { get; }

    /// <summary>Whether this is <see cref="Max"/>.</summary>
    public bool IsMax => double.IsPositiveInfinity(Scale);

    /// <summary>A time scale: <paramref name="scale"/> simulated seconds per wall-clock second.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not a positive finite number.</exception>
    public static SimulationSpeed Scaled(double scale)
    {
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A time scale is a positive number (1 = real time).");
        }

        return new SimulationSpeed(scale);
    }

    /// <summary>Parses the CLI form: <c>max</c> or a positive number such as <c>60</c>.</summary>
    /// <exception cref="FormatException">Neither <c>max</c> nor a positive number.</exception>
    public static SimulationSpeed Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "max", StringComparison.OrdinalIgnoreCase))
        {
            return Max;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && double.IsFinite(scale) && scale > 0)
        {
            return new SimulationSpeed(scale);
        }

        throw new FormatException($"Time scale '{text}' is neither 'max' nor a positive number.");
    }

    /// <inheritdoc />
    public override string ToString() => IsMax ? "max" : Scale.ToString(CultureInfo.InvariantCulture);
}
