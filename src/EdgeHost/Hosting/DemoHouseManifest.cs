namespace EdgeAi.EdgeHost.Hosting;

/// <summary>
/// The built-in device manifest <c>edgeai simulate</c> uses when no <c>--config</c> is given:
/// <c>hardware/manifests/demo-house.json</c>, embedded in the executable.
/// </summary>
internal static class DemoHouseManifest
{
    public static Stream OpenManifest() =>
        typeof(DemoHouseManifest).Assembly.GetManifestResourceStream("EdgeAi.DemoHouse.json")
        ?? throw new InvalidOperationException("The demo house manifest is not embedded in this build.");

    /// <summary>The demo house's occupancy model (<c>models/living_occupancy_int8/1/model.onnx</c>), embedded in the executable.</summary>
    public static byte[] ReadModel()
    {
        using var stream = typeof(DemoHouseManifest).Assembly.GetManifestResourceStream("EdgeAi.DemoModel.onnx")
            ?? throw new InvalidOperationException("The demo house model is not embedded in this build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
