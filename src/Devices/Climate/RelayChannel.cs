using EdgeAi.Devices.Actuators;

namespace EdgeAi.Devices.Climate;

/// <summary>One relay of a thermostat with the timing the safety rules need. Not thread-safe: the controller locks.</summary>
internal sealed class RelayChannel(Relay relay)
{
    public Relay Relay { get; } = relay;

    /// <summary>When this controller last switched the relay; null before the first switch (no cycle to protect).</summary>
    public DateTimeOffset? LastSwitch { get; private set; }

    /// <summary>When the relay went on, while it is on.</summary>
    public DateTimeOffset? OnSince { get; private set; }

    /// <summary>The relay may not start again before this time (after a maximum-run cut-off).</summary>
    public DateTimeOffset CooldownUntil { get; set; } = DateTimeOffset.MinValue;

    public bool IsOn => Relay.IsOn;

    /// <summary>
    /// Adopts a relay found on that this controller did not switch (another writer on the line): its run time counts
    /// from now, so the maximum run time still applies.
    /// </summary>
    public void Observe(DateTimeOffset now)
    {
        if (OnSince is null && Relay.IsOn)
        {
            OnSince = now;
        }
    }

    public bool MinimumCycleElapsed(DateTimeOffset now, TimeSpan minimumCycle) =>
        LastSwitch is not { } last || now - last >= minimumCycle;

    /// <summary>Switches at once, whatever the timing: for safety switch-offs.</summary>
    public void ForceOff(DateTimeOffset now)
    {
        if (Relay.IsOn)
        {
            Switch(false, now);
        }
    }

    public void Switch(bool on, DateTimeOffset now)
    {
        Relay.Set(on);
        LastSwitch = now;
        OnSince = on ? now : null;
    }
}
