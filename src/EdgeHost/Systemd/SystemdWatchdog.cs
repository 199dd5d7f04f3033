using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Systemd;

/// <summary>
/// Sends <c>WATCHDOG=1</c> to systemd at half of <c>WATCHDOG_USEC</c> (sd_watchdog_enabled(3): the service
/// should ping at half the interval). The hosting library sends only READY and STOPPING. When the node does
/// not run under systemd there is no notifier, or no watchdog is configured, and this service does nothing.
/// </summary>
internal sealed partial class SystemdWatchdog(
    IServiceProvider services,
    TimeProvider time,
    ILogger<SystemdWatchdog> logger,
    Func<string, string?> environment) : BackgroundService
{
    /// <summary>Reads the watchdog settings from the process environment.</summary>
    public SystemdWatchdog(IServiceProvider services, TimeProvider time, ILogger<SystemdWatchdog> logger)
        : this(services, time, logger, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>The ping interval for the given environment, or null when the watchdog is not for this process.</summary>
    public static TimeSpan? PingInterval(string? watchdogUsec, string? watchdogPid, int processId)
    {
        if (!long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return null;
        }

        // WATCHDOG_PID, when set, names the process the watchdog is for (sd_watchdog_enabled(3)).
        if (!string.IsNullOrEmpty(watchdogPid)
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            return null;
        }

        return TimeSpan.FromTicks(Math.Max(1, usec * 10 / 2));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifier = services.GetService(typeof(ISystemdNotifier)) as ISystemdNotifier;
        var interval = PingInterval(
            environment("WATCHDOG_USEC"),
            environment("WATCHDOG_PID"),
            Environment.ProcessId);
        if (notifier is not { IsEnabled: true } || interval is null)
        {
            return;
        }

        WatchdogEnabled(logger, interval.Value);
        using var timer = new PeriodicTimer(interval.Value, time);
        do
        {
            notifier.Notify(new ServiceState("WATCHDOG=1"));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(1010, LogLevel.Information, "systemd watchdog enabled; pinging every {Interval}")]
    private static partial void WatchdogEnabled(ILogger logger, TimeSpan interval);
}
