using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// The node's heartbeat loop: a timer-driven loop on the thread pool that beats <see cref="Liveness"/> every
/// <see cref="Period"/>. The device and MQTT loops wait on events, so this loop is what notices the failures
/// that stop everything at once (thread pool starvation, a stopped timer queue, a host blocked in a
/// synchronous call); loops that do periodic work register with <see cref="Liveness"/> themselves.
/// </summary>
/// <remarks>
/// Tests make this loop hang on purpose with the environment variable <see cref="HangAfterVariable"/> set to a
/// number of seconds: after that long the loop blocks its thread (until the host stops) instead of beating, which
/// is what a deadlocked main loop looks like from outside. It is read only from the process environment, never
/// from the configuration file, and has no command-line option.
/// </remarks>
internal sealed partial class NodeHeartbeat(
    Liveness liveness,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger,
    Func<string, string?> environment) : BackgroundService
{
    /// <summary>Test hook: seconds after start-up at which the loop hangs.</summary>
    public const string HangAfterVariable = "EDGEAI_TEST_HANG_MAIN_LOOP_AFTER";

    /// <summary>How often the loop beats.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Five missed beats: long enough that a GC pause or a busy second on a Raspberry Pi never counts as a hang,
    /// short against systemd's WatchdogSec (30 s in deploy/systemd/edgeai.service).
    /// </summary>
    public static readonly TimeSpan Deadline = Period * 5;

    /// <summary>Reads the test hook from the process environment.</summary>
    public NodeHeartbeat(Liveness liveness, TimeProvider time, ILogger<NodeHeartbeat> logger)
        : this(liveness, time, logger, Environment.GetEnvironmentVariable)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = liveness.Register("node-heartbeat", Deadline);
        var hangAt = HangAt(environment(HangAfterVariable));
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                if (hangAt is { } after && time.GetElapsedTime(started) >= after)
                {
                    HangingForTest(logger, HangAfterVariable);
                    // Blocks the thread, not an await: a stuck loop holds its thread. The stop token still
                    // releases it so the process can be stopped cleanly.
                    stoppingToken.WaitHandle.WaitOne();
                    return;
                }

                loop.Beat();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            liveness.Unregister(loop);
        }
    }

    private static TimeSpan? HangAt(string? seconds) =>
        double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromSeconds(value)
            : null;

    [LoggerMessage(1021, LogLevel.Warning, "The node heartbeat loop hangs now because {Variable} is set (a test hook)")]
    private static partial void HangingForTest(ILogger logger, string variable);
}
