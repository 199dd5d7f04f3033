namespace EdgeAi.EdgeHost.Hosting;

/// <summary>
/// The built-in device manifest <c>edgeai simulate</c> uses when no <c>--config</c> is given:
/// <c>hardware/manifests/demo-house.json</c>, embedded in the executable.
/// </summary>
internal static class DemoHouse
{
    public static Stream OpenManifest() =>
        typeof(DemoHouse).Assembly.GetManifestResourceStream("EdgeAi.DemoHouse.json")
        ?? throw new InvalidOperationException("The demo house manifest is not embedded in this build.");
}
