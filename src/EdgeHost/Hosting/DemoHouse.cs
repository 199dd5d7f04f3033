namespace EdgeAi.EdgeHost.Hosting;

/// <summary>The built-in device manifest <c>edgeai simulate</c> uses when no <c>--config</c> is given.</summary>
internal static class DemoHouse
{
    public static IEnumerable<KeyValuePair<string, string?>> Manifest { get; } =
    [
        new("Devices:Lights:0:Id", "porch_light"),
        new("Devices:Lights:0:Name", "Porch light"),
        new("Devices:Lights:0:Pin", "17"),
    ];
}
