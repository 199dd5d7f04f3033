namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>One sd_notify assignment (<c>READY=1</c>) and when it arrived on the <see cref="NotifySocket"/> clock.</summary>
public sealed record NotifyMessage(string State, TimeSpan At)
{
    public override string ToString() => $"{State}@{At.TotalMilliseconds:F0}ms";
}
