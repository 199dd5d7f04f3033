using System.Device.Gpio;
using EdgeAi.Devices.Locks;

namespace EdgeAi.Devices.Tests.Locks;

public sealed class LockControllerTests : LockFixture
{
    [Fact]
    public void Constructor_BoltThrown_ReportsLockedWithoutMoving()
    {
        var door = CreateRelayLock(boltThrown: true);
        Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(LockState.Locked, door.State.State);
        Assert.Equal(0, RelayWrites);
        Assert.True(Bolt.IsThrown);
    }

    [Fact]
    public void Constructor_BoltRetracted_ReportsUnlockedWithoutMoving()
    {
        var door = CreateRelayLock(boltThrown: false);
        Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(LockState.Unlocked, door.State.State);
        Assert.Equal(0, RelayWrites);
        Assert.False(Bolt.IsThrown);
    }

    [Fact]
    public void Lock_BoltArrives_LockingThenLocked()
    {
        var door = CreateRelayLock(boltThrown: false);
        var states = new List<LockState>();
        door.StateChanged += s => states.Add(s.State);

        door.Lock();
        Wait(TravelAndDebounce);

        Assert.Equal([LockState.Locking, LockState.Locked], states);
        Assert.True(Bolt.IsThrown);
    }

    [Fact]
    public void Unlock_BoltLeavesThrownPosition_UnlockingThenUnlocked()
    {
        var door = CreateRelayLock(boltThrown: true);
        var states = new List<LockState>();
        door.StateChanged += s => states.Add(s.State);

        door.Unlock();
        Wait(TravelAndDebounce);

        Assert.Equal([LockState.Unlocking, LockState.Unlocked], states);
    }

    [Fact]
    public void Lock_BoltJammed_StaysLockingUntilTimeoutThenJammed()
    {
        var door = CreateRelayLock(boltThrown: false);
        Bolt.Jammed = true;

        door.Lock();
        Time.Advance(Options.ConfirmTimeout - TimeSpan.FromMilliseconds(100));
        var before = door.State.State;
        Time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(LockState.Locking, before);
        Assert.Equal(LockState.Jammed, door.State.State);
        Assert.False(door.State.BoltThrown);
    }

    [Fact]
    public void Jammed_ObstructionCleared_BoltArrivesAndStateFollowsSwitch()
    {
        var door = CreateRelayLock(boltThrown: false);
        Bolt.Jammed = true;
        door.Lock();
        Time.Advance(Options.ConfirmTimeout);

        // The relay still holds "thrown": freed, the bolt completes the move, and the state tells the truth.
        Bolt.Jammed = false;
        Wait(TravelAndDebounce);

        Assert.Equal(LockState.Locked, door.State.State);
        Assert.True(Bolt.IsThrown);
    }

    [Fact]
    public void Unlock_FromJammedWithBoltStillRetracted_UnlockedAtOnce()
    {
        var door = CreateRelayLock(boltThrown: false);
        Bolt.Jammed = true;
        door.Lock();
        Time.Advance(Options.ConfirmTimeout);

        door.Unlock();

        Assert.Equal(LockState.Unlocked, door.State.State);
        Assert.False(Bolt.IsThrown);
    }

    [Fact]
    public void Lock_DoorOpen_RefusedAndBoltNotMoved()
    {
        var door = CreateRelayLock(boltThrown: false, doorOpen: true);

        var error = Assert.Throws<InvalidOperationException>(door.Lock);
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Contains("door is open", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, RelayWrites);
        Assert.Equal(LockState.Unlocked, door.State.State);
    }

    [Fact]
    public void Lock_AlreadyLocked_DoesNotDrive()
    {
        var door = CreateRelayLock(boltThrown: true);

        door.Lock();

        Assert.Equal(0, RelayWrites);
        Assert.Equal(LockState.Locked, door.State.State);
    }

    [Fact]
    public void DoorForcedWithBoltThrown_StateStaysLockedAndDoorReportedOpen()
    {
        var door = CreateRelayLock(boltThrown: true);
        Time.Advance(TimeSpan.FromSeconds(1));

        Driver.SetInputLevel(DoorPin, PinValue.High);
        Time.Advance(Debounce);

        Assert.Equal(LockState.Locked, door.State.State);
        Assert.True(door.State.DoorOpen);
        Assert.True(door.State.DoorOpenWhileBoltThrown);
    }

    [Fact]
    public void BoltPushedBackWithoutCommand_ReportedUnlockedAndNothingDriven()
    {
        var door = CreateRelayLock(boltThrown: true);
        Time.Advance(TimeSpan.FromSeconds(1));

        Bolt.MoveByHand(BoltPosition.Retracted);
        Time.Advance(Debounce);

        Assert.Equal(LockState.Unlocked, door.State.State);
        Assert.False(door.State.BoltThrown);
        Assert.Equal(0, RelayWrites);
    }

    [Theory]
    [InlineData(true, BoltPosition.Thrown, true)]
    [InlineData(false, BoltPosition.Thrown, false)]
    [InlineData(true, BoltPosition.Retracted, false)]
    [InlineData(false, BoltPosition.Retracted, true)]
    public void RelayStateFor_BoltSwitch_HoldsBoltWhereItIs(bool boltThrown, BoltPosition energized, bool relayOn)
    {
        Assert.Equal(relayOn, RelayBoltDrive.RelayStateFor(boltThrown, energized));
    }

    [Fact]
    public void Options_NonPositiveConfirmTimeout_Rejected()
    {
        Options = new LockOptions { ConfirmTimeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => CreateRelayLock(boltThrown: true));

        Assert.Contains("ConfirmTimeout", error.Message, StringComparison.Ordinal);
    }
}
