namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>Payloads of the availability topic (Home Assistant's defaults).</summary>
public static class Availability
{
    /// <summary>The node is connected and serving.</summary>
    public const string Online = "online";

    /// <summary>The node stopped or lost its connection (also the last will).</summary>
    public const string Offline = "offline";
}
