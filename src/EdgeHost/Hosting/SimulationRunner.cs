using EdgeAi.Devices.Simulation.Clock;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.EdgeHost.Board;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>
/// Drives the simulation clock in <c>edgeai simulate</c>: at the configured time scale (or <c>max</c>), for the
/// configured simulated duration, then stops the node. Applies the fault scenario, records the heating report
/// and writes it when the run ends (also on Ctrl+C).
/// </summary>
internal sealed partial class SimulationRunner(
    SimulationClock clock,
    IBoard board,
    NodeDevices devices,
    IOptions<SimulationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SimulationRunner> logger) : BackgroundService
{
    private HeatingDayReport? _report;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        WriteReport();
    }

    public override void Dispose()
    {
        _report?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var house = (board as DemoHouseBoard)?.House;
        ApplyScenario(settings.Scenario, house);
        if (settings.ReportDirectory is not null && house is not null)
        {
            _report = new HeatingDayReport();
            _report.RecordEvery(house.World, () => devices.Thermostats.Count > 0 ? devices.Thermostats[0].State.TargetCelsius : double.NaN, clock, TimeSpan.FromMinutes(1));
        }

        var until = settings.RunFor is { } runFor ? clock.GetUtcNow() + runFor : (DateTimeOffset?)null;
        Started(logger, settings.Speed.ToString(), clock.GetUtcNow(), settings.Duration ?? "until stopped");
        try
        {
            await clock.RunAsync(settings.Speed, until, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (until is not null)
        {
            Finished(logger, clock.GetUtcNow());
            lifetime.StopApplication();
        }
    }

    private void ApplyScenario(string? scenario, DemoHouse? house)
    {
        if (string.IsNullOrEmpty(scenario))
        {
            return;
        }

        if (house is null)
        {
            ScenarioNeedsDemoHouse(logger, scenario);
            return;
        }

        switch (scenario)
        {
            case "bolt-jam":
                house.Bolt.Jammed = true;
                break;
            case "sensor-stuck":
                house.World.Faults.LivingTemperature.Stick();
                break;
            case "heater-relay-stuck":
                house.World.Faults.HeaterRelay = RelayFault.StuckOn;
                break;
            case "i2c-nack":
                house.Bme280.Faults.NackNextTransfers(int.MaxValue);
                break;
            case "window-open":
                house.World.HoldWindow(open: true);
                break;
            case "door-forced":
                house.World.Door.Force(TimeSpan.FromMinutes(2));
                break;
        }

        ScenarioApplied(logger, scenario);
    }

    private void WriteReport()
    {
        var directory = options.Value.ReportDirectory;
        if (_report is null || directory is null || _report.Samples.Count < 2)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        try
        {
            ReportWritten(logger, _report.RenderPng(directory), _report.Samples.Count);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException)
        {
            // The plot is drawn by SkiaSharp's native library, which the Native AOT packages do not ship (a board
            // does not need the simulator's report); the framework-dependent build (dotnet run) has it.
            ReportUnavailable(logger, ex);
        }
    }

    [LoggerMessage(1030, LogLevel.Information, "Simulation running at time scale {Scale} from {Start:u} for {Duration}")]
    private static partial void Started(ILogger logger, string scale, DateTimeOffset start, string duration);

    [LoggerMessage(1031, LogLevel.Information, "Simulation reached {End:u}; stopping")]
    private static partial void Finished(ILogger logger, DateTimeOffset end);

    [LoggerMessage(1032, LogLevel.Warning, "Fault scenario {Scenario} applied")]
    private static partial void ScenarioApplied(ILogger logger, string scenario);

    [LoggerMessage(1033, LogLevel.Warning, "Fault scenario {Scenario} needs the built-in demo house (run simulate without --config); ignored")]
    private static partial void ScenarioNeedsDemoHouse(ILogger logger, string scenario);

    [LoggerMessage(1035, LogLevel.Error, "The report could not be drawn: this build lacks SkiaSharp's native library (use dotnet run or the framework-dependent build for reports)")]
    private static partial void ReportUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(1034, LogLevel.Information, "Report written to {Path} ({Samples} samples)")]
    private static partial void ReportWritten(ILogger logger, string path, int samples);
}
