using EdgeAi.Devices.Lights;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Lights;

public sealed class DimmableLightTests
{
    private readonly SimulatedPwmChannel _channel = new(frequency: 50, dutyCycle: 0.7);

    [Fact]
    public void Constructor_ChannelLeftRunning_SetsOffAndConfiguredFrequency()
    {
        _channel.Start();

        using var light = new DimmableLight(_channel);

        Assert.False(_channel.IsRunning);
        Assert.Equal(0.0, _channel.DutyCycle);
        Assert.Equal(1000, _channel.Frequency);
        Assert.False(light.State.IsOn);
    }

    [Fact]
    public void SetBrightness_Half_AppliesGammaCurve()
    {
        using var light = new DimmableLight(_channel, new DimmableLightOptions { Gamma = 2.2 });

        light.SetBrightness(50);

        Assert.Equal(Math.Pow(0.5, 2.2), _channel.DutyCycle, 1e-12);
        Assert.True(_channel.IsRunning);
    }

    [Fact]
    public void DutyCycleFor_OnePercentWithMinDuty_StartsAtMinDuty()
    {
        using var light = new DimmableLight(_channel, new DimmableLightOptions { Gamma = 1.0, MinDutyCycle = 0.05 });

        Assert.Equal(0.05 + (0.95 * 0.01), light.DutyCycleFor(1), 1e-12);
        Assert.Equal(1.0, light.DutyCycleFor(100), 1e-12);
        Assert.Equal(0.0, light.DutyCycleFor(0));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void SetBrightness_OutOfRange_ThrowsAndChangesNothing(double brightness)
    {
        using var light = new DimmableLight(_channel);
        light.SetBrightness(40);
        var duty = _channel.DutyCycle;

        Assert.Throws<ArgumentOutOfRangeException>(() => light.SetBrightness(brightness));

        Assert.Equal(duty, _channel.DutyCycle);
        Assert.Equal(new DimmableLightState(true, 40), light.State);
    }

    [Fact]
    public void TurnOn_AfterTurnOff_RestoresPreviousBrightness()
    {
        using var light = new DimmableLight(_channel);
        light.SetBrightness(40);
        light.TurnOff();

        light.TurnOn();

        Assert.Equal(new DimmableLightState(true, 40), light.State);
        Assert.Equal(light.DutyCycleFor(40), _channel.DutyCycle, 1e-12);
    }

    [Fact]
    public void StateChanged_SameBrightnessTwice_RaisedOnce()
    {
        using var light = new DimmableLight(_channel);
        var states = new List<DimmableLightState>();
        light.StateChanged += states.Add;

        light.SetBrightness(60);
        light.SetBrightness(60);

        Assert.Single(states);
    }

    [Fact]
    public void Dispose_WhileOn_StopsChannel()
    {
        var light = new DimmableLight(_channel);
        light.SetBrightness(80);

        light.Dispose();

        Assert.False(_channel.IsRunning);
        Assert.Equal(0.0, _channel.EffectiveDutyCycle);
    }

    [Fact]
    public void Options_GammaBelowOne_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new DimmableLight(_channel, new DimmableLightOptions { Gamma = 0.5 }));
    }
}
