using EdgeAi.EdgeHost.Health;

namespace EdgeAi.EdgeHost.Tests.Health;

public sealed class HealthOptionsValidatorTests
{
    private readonly HealthOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_SucceedOnLoopback9464()
    {
        var options = new HealthOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(("127.0.0.1", 9464, true), (options.ListenAddress, options.Port, options.Enabled));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_NamesTheKey(int port)
    {
        var result = _validator.Validate(null, new HealthOptions { Port = port });

        Assert.True(result.Failed);
        Assert.Contains("Health:Port", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ListenAddressNotAnIp_NamesTheKey()
    {
        var result = _validator.Validate(null, new HealthOptions { ListenAddress = "localhost" });

        Assert.True(result.Failed);
        Assert.Contains("Health:ListenAddress", result.FailureMessage, StringComparison.Ordinal);
    }
}
