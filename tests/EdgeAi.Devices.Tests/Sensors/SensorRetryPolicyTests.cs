using EdgeAi.Devices.Sensors;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task ReadAsync_CancelledDuringBackoff_ThrowsWithoutFurtherAttempts()
    {
        var attempts = 0;
        var reader = new RetryingSensorReader<int>((out int value) => { attempts++; value = 0; return false; }, new SensorRetryPolicy(), new FakeTimeProvider());
        using var cts = new CancellationTokenSource();

        var read = reader.ReadAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ReadAsync_FirstAttemptSucceeds_ReturnsWithoutWaiting()
    {
        var reader = new RetryingSensorReader<int>((out int value) => { value = 42; return true; }, new SensorRetryPolicy(), new FakeTimeProvider());

        var read = reader.ReadAsync();

        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(42, await read);
    }
}
