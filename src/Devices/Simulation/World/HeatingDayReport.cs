using ScottPlot;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Records room temperature, setpoint and heater state over a simulated day and renders them as a PNG plot (the host's
/// <c>--report DIR</c>). Thread-safe.
/// </summary>
public sealed class HeatingDayReport : IDisposable
{
    /// <summary>The PNG's file name inside the report directory.</summary>
    public const string PngFileName = "heating-day.png";

    private readonly Lock _gate = new();
    private readonly List<HeatingSample> _samples = [];
    private ITimer? _timer;

    /// <summary>All samples so far, oldest first.</summary>
    public IReadOnlyList<HeatingSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Adds one sample.</summary>
    public void Record(HeatingSample sample)
    {
        lock (_gate)
        {
            _samples.Add(sample);
        }
    }

    /// <summary>
    /// Samples <paramref name="world"/> and the setpoint every <paramref name="interval"/> of simulated time on
    /// <paramref name="timeProvider"/> until disposed.
    /// </summary>
    /// <param name="world">The house world (true room temperature, heater power, outdoor temperature).</param>
    /// <param name="setpoint">Reads the thermostat's current target, °C.</param>
    /// <param name="timeProvider">The simulation clock.</param>
    /// <param name="interval">Sampling interval (one minute gives 1 440 samples a day).</param>
    public void RecordEvery(HouseWorld world, Func<double> setpoint, TimeProvider timeProvider, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(setpoint);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var timer = timeProvider.CreateTimer(
            _ => Record(new HeatingSample(timeProvider.GetUtcNow(), world.RoomTemperatureCelsius, setpoint(), world.HeaterPowered, world.OutdoorTemperatureCelsius)),
            null,
            TimeSpan.Zero,
            interval);
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = timer;
        }
    }

    /// <summary>Renders the samples into <see cref="PngFileName"/> in <paramref name="directory"/> (created if needed).</summary>
    /// <returns>The PNG's full path.</returns>
    /// <exception cref="InvalidOperationException">Fewer than two samples were recorded.</exception>
    public string RenderPng(string directory, int width = 1400, int height = 700)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var samples = Samples;
        if (samples.Count < 2)
        {
            throw new InvalidOperationException($"A heating report needs at least two samples; {samples.Count} were recorded.");
        }

        var times = samples.Select(s => s.Time.UtcDateTime.ToOADate()).ToArray();
        using var plot = new Plot();
        var room = plot.Add.Scatter(times, samples.Select(s => s.RoomCelsius).ToArray());
        room.LegendText = "room (°C)";
        room.MarkerSize = 0;
        room.LineWidth = 2;
        var setpoint = plot.Add.Scatter(times, samples.Select(s => s.SetpointCelsius).ToArray());
        setpoint.LegendText = "setpoint (°C)";
        setpoint.MarkerSize = 0;
        setpoint.ConnectStyle = ConnectStyle.StepHorizontal;
        setpoint.LinePattern = LinePattern.Dashed;
        var outdoor = plot.Add.Scatter(times, samples.Select(s => s.OutdoorCelsius).ToArray());
        outdoor.LegendText = "outdoor (°C)";
        outdoor.MarkerSize = 0;
        var heater = plot.Add.Scatter(times, samples.Select(s => s.HeaterOn ? 1.0 : 0.0).ToArray());
        heater.LegendText = "heater on";
        heater.MarkerSize = 0;
        heater.ConnectStyle = ConnectStyle.StepHorizontal;
        heater.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "heater (on = 1)";
        plot.Axes.DateTimeTicksBottom();
        plot.YLabel("°C");
        plot.Title($"Demo house heating, {samples[0].Time:yyyy-MM-dd HH:mm} to {samples[^1].Time:yyyy-MM-dd HH:mm} (simulated)");
        plot.ShowLegend(Alignment.UpperLeft);

        // The heater trace keeps to the bottom quarter so it does not hide the temperatures.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(-0.1, 4.0, plot.Axes.Right);

        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, PngFileName));
        plot.SavePng(path, width, height);
        return path;
    }

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
