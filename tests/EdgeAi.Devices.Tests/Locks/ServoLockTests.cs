using EdgeAi.Devices.Locks;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Locks;

/// <summary>A servo-driven bolt: 50 Hz, 2 ms thrown, 1 ms retracted.</summary>
public sealed class ServoLockTests : LockFixture
{
    private readonly SimulatedPwmChannel _servo = new(frequency: 50);

    private LockController CreateServoLock(bool boltThrown)
    {
        Driver.SetInputLevel(DoorPin, System.Device.Gpio.PinValue.Low);
        Bolt = Own(new SimulatedBolt(Driver, BoltSwitchPin, System.Device.Gpio.PinValue.Low, Time, Travel, boltThrown));
        Bolt.FollowServo(_servo, thrownDutyCycle: 0.10, retractedDutyCycle: 0.05);
        return CreateLock(new ServoBoltDrive(_servo, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Constructor_SendsNoPulses()
    {
        var door = CreateServoLock(boltThrown: true);

        Assert.False(_servo.IsRunning);
        Assert.Equal(LockState.Locked, door.State.State);
    }

    [Fact]
    public void Lock_DrivesTwoMillisecondPulsesAndLocks()
    {
        var door = CreateServoLock(boltThrown: false);

        door.Lock();
        Wait(TravelAndDebounce);

        Assert.True(_servo.IsRunning);
        Assert.Equal(0.10, _servo.DutyCycle, 1e-9);
        Assert.Equal(LockState.Locked, door.State.State);
    }

    [Fact]
    public void Unlock_Jammed_StopsPulsesWhenJammed()
    {
        var door = CreateServoLock(boltThrown: true);
        Bolt.Jammed = true;

        door.Unlock();
        var runningWhileMoving = _servo.IsRunning;
        Time.Advance(Options.ConfirmTimeout);

        Assert.True(runningWhileMoving);
        Assert.False(_servo.IsRunning);
        Assert.Equal(LockState.Jammed, door.State.State);
        Assert.True(door.State.BoltThrown);
    }

    [Fact]
    public void ServoBoltDrive_PulseOutsideServoRange_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServoBoltDrive(_servo, TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(1)));
    }
}
