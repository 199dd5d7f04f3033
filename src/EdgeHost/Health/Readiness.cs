namespace EdgeAi.EdgeHost.Health;

/// <summary>The rules of <c>/readyz</c>: the node is ready when it can take commands and report state.</summary>
internal static class Readiness
{
    /// <summary>
    /// Why the node is not ready, one short line each; empty when it is ready. Models are not loaded by the node yet
    /// (inference is not wired into the host), so callers pass <c>modelsLoaded: true</c> until it is.
    /// </summary>
    public static IReadOnlyList<string> Reasons(bool mqttConnected, bool devicesStarted, bool modelsLoaded)
    {
        var reasons = new List<string>();
        if (!mqttConnected)
        {
            reasons.Add("mqtt: not connected to the broker");
        }

        if (!devicesStarted)
        {
            reasons.Add("devices: not started");
        }

        if (!modelsLoaded)
        {
            reasons.Add("models: not loaded");
        }

        return reasons;
    }
}
