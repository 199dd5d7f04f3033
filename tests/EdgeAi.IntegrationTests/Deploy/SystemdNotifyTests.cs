namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The real host under a systemd-like supervisor (see <see cref="Pid1Node"/>): what systemd's notify and
/// watchdog logic would see from deploy/systemd/edgeai.service's <c>Type=notify</c> and <c>WatchdogSec=</c>.
/// </summary>
[Collection(nameof(Pid1Processes))]
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(60);

    // WATCHDOG_USEC of 1 s: the host must ping every 0.5 s (half the interval).
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Simulate_AsPid1WithNotifySocket_SendsReadyThenWatchdogAtHalfTheInterval()
    {
        await using var notify = new NotifySocket();
        await using var node = Pid1Node.Start(notify.Path, Watchdog);

        var ready = await notify.WaitForAsync("READY=1", StartUp);
        await notify.CollectForAsync(TimeSpan.FromSeconds(4));

        var pings = notify.Messages.Where(m => m.State == "WATCHDOG=1" && m.At > ready.At).Select(m => m.At).ToList();
        // 4 s at one ping per 0.5 s is 8 pings; a loaded 2-core CI machine may shift one across the window's edge.
        Assert.InRange(pings.Count, 6, 10);
        var gaps = pings.Zip(pings.Skip(1), (a, b) => (b - a).TotalMilliseconds).Order().ToList();
        Assert.InRange(gaps[gaps.Count / 2], 350, 700);
        Assert.DoesNotContain(notify.Messages, m => m.State == "STOPPING=1");
    }

    [Fact]
    public async Task Simulate_AsPid1_Sigterm_SendsStoppingAndExitsZero()
    {
        await using var notify = new NotifySocket();
        await using var node = Pid1Node.Start(notify.Path, Watchdog);
        var ready = await notify.WaitForAsync("READY=1", StartUp);

        await node.TerminateAsync();

        var stopping = await notify.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.True(stopping.At > ready.At);
        // Under systemd the console logger writes journal priorities and the stable event ids: <6> is Information,
        // 1010 is the watchdog's start-up line.
        Assert.Contains("<6>EdgeAi.EdgeHost.Systemd.SystemdWatchdog[1010]", node.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MainLoopHangs_WatchdogPingsStop()
    {
        await using var notify = new NotifySocket();
        await using var node = Pid1Node.Start(notify.Path, Watchdog, new Dictionary<string, string>
        {
            ["EDGEAI_TEST_HANG_MAIN_LOOP_AFTER"] = "3",
        });
        await notify.WaitForAsync("READY=1", StartUp);
        var firstPing = await notify.WaitForAsync("WATCHDOG=1", StartUp);

        // The loop hangs 3 s after it started; it then counts as stalled after 5 s without a beat, so the
        // pings must end within about 8 s of start-up. Wait for 5 s of silence (10 missed pings), bounded.
        var silence = TimeSpan.FromSeconds(5);
        var deadline = notify.Now + TimeSpan.FromSeconds(40);
        TimeSpan lastPing;
        while (true)
        {
            lastPing = notify.Messages.Last(m => m.State == "WATCHDOG=1").At;
            if (notify.Now - lastPing >= silence)
            {
                break;
            }

            Assert.True(notify.Now < deadline, $"WATCHDOG=1 kept coming; stderr:\n{node.StandardError}");
            await notify.CollectForAsync(TimeSpan.FromMilliseconds(250));
        }

        // The node was pinging before the hang, and stopped because the loop stalled: it says so at Critical (<2>).
        Assert.True(lastPing - firstPing.At >= TimeSpan.FromSeconds(2), $"pings from {firstPing.At} to {lastPing}");
        Assert.Contains("[1021]", node.StandardError, StringComparison.Ordinal);
        Assert.Contains("<2>EdgeAi.EdgeHost.Systemd.SystemdWatchdog[1011]", node.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The configuration the package installs as /etc/edgeai/edgeai.json (with its comments) is accepted.</summary>
    [Fact]
    public async Task Simulate_ShippedConfiguration_StartsAndSendsReady()
    {
        await using var notify = new NotifySocket();
        await using var node = Pid1Node.Start(notify.Path, Watchdog, null, "--config", Repository.PathTo("deploy", "debian", "edgeai.json"));

        await notify.WaitForAsync("READY=1", StartUp);
        await node.TerminateAsync();

        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.DoesNotContain("configuration error", node.StandardError, StringComparison.Ordinal);
    }
}
