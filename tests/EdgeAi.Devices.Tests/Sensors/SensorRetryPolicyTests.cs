using EdgeAi.Devices.Sensors;

namespace EdgeAi.Devices.Tests.Sensors;

public sealed class SensorRetryPolicyTests
{
    [Fact]
    public void DelayBefore_LaterAttempts_DoublesUpToMax()
    {
        var policy = new SensorRetryPolicy
        {
            InitialDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromMilliseconds(350),
        };

        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayBefore(2));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayBefore(3));
        Assert.Equal(TimeSpan.FromMilliseconds(350), policy.DelayBefore(4));
    }

    [Fact]
    public void Validate_ZeroAttempts_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SensorRetryPolicy { MaxAttempts = 0 }.Validate());
    }
}
