using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>A model that does not match its configuration stops the node before it starts (exit 2, the key named), nothing opened.</summary>
public sealed class ModelConfigurationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("edgeai-model-config-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Theory]
    [InlineData("EDGEAI_Inference__Sha256", "0000000000000000000000000000000000000000000000000000000000000000", "Inference:Model: Model digest mismatch")]
    [InlineData("EDGEAI_Inference__Window", "6", "Inference:Model takes 48 inputs and gives 2 scores, but 4 features x window 6 = 24")]
    [InlineData("EDGEAI_Inference__Features__0", "living_co2.lux", "Inference:Features names 'living_co2.lux', which is no reading of this node's devices")]
    [InlineData("EDGEAI_Cloud__Url", "ftp://models.example", "Cloud:Url must be an absolute http:// or https:// address")]
    public async Task Refused_with_the_key_named(string variable, string value, string message)
    {
        await using var node = EdgeAiProcess.Start(
            new Dictionary<string, string> { [variable] = value },
            "simulate", "--data-dir", _dataDirectory, "--mqtt-port", EdgeAi.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, await node.WaitForExitAsync(Patience));
        Assert.Contains(message, node.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", node.StandardError, StringComparison.Ordinal); // a message, not a stack trace
    }
}
