using System.Device.Gpio;
using EdgeAi.Devices.Simulation;
using EdgeAi.EdgeHost.Board;

namespace EdgeAi.EdgeHost.Tests.Board;

public sealed class DevicesOptionsValidatorTests : IDisposable
{
    private readonly GpioController _controller = new(new SimulatedGpioDriver(pinCount: 28));

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Validate_GoodManifest_Succeeds()
    {
        var result = Validate(Light("porch", 17), Light("hall", 27));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_PinUsedTwice_NamesBothEntries()
    {
        var result = Validate(Light("porch", 17), Light("hall", 17));

        Assert.Contains("Devices:Lights:1:Pin 17 is already used by Devices:Lights:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(28)]
    public void Validate_PinOutsideBoard_NamesTheKeyAndRange(int pin)
    {
        var result = Validate(Light("porch", pin));

        Assert.Contains("Devices:Lights:0:Pin must be between 0 and 27", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Porch")]
    [InlineData("porch/light")]
    [InlineData("")]
    public void Validate_BadId_NamesTheKey(string id)
    {
        var result = Validate(Light(id, 4));

        Assert.Contains("Devices:Lights:0:Id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateId_Fails()
    {
        var result = Validate(Light("porch", 4), Light("porch", 5));

        Assert.Contains("Devices:Lights:1:Id 'porch' is already used", result.FailureMessage, StringComparison.Ordinal);
    }

    private static LightOptions Light(string id, int pin) => new() { Id = id, Name = id, Pin = pin };

    private Microsoft.Extensions.Options.ValidateOptionsResult Validate(params LightOptions[] lights)
    {
        var options = new DevicesOptions();
        options.Lights.AddRange(lights);
        return new DevicesOptionsValidator(_controller).Validate(null, options);
    }
}
