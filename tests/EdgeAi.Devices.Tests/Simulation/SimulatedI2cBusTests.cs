using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Simulation;

public sealed class SimulatedI2cBusTests : IDisposable
{
    private readonly SimulatedI2cBus _bus = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _bus.Dispose();

    [Fact]
    public void Attach_SameAddressTwice_Throws()
    {
        _bus.Attach(0x44, new SimulatedSht3x(_time));

        Assert.Throws<InvalidOperationException>(() => _bus.Attach(0x44, new SimulatedSht3x(_time)));
    }

    [Theory]
    [InlineData(0x07)]
    [InlineData(0x78)]
    public void CreateDevice_ReservedAddress_Throws(int address)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _bus.CreateDevice(address));
    }

    [Fact]
    public void CreateDevice_AfterDispose_CanOpenAddressAgain()
    {
        _bus.CreateDevice(0x44).Dispose();

        using var again = _bus.CreateDevice(0x44);

        Assert.Equal(0x44, again.ConnectionSettings.DeviceAddress);
    }

    [Fact]
    public void Write_NoChipAtAddress_ThrowsIOException()
    {
        using var device = _bus.CreateDevice(0x50);

        Assert.Throws<IOException>(() => device.WriteByte(0x00));
    }

    [Fact]
    public void Detach_ChipGone_TransfersThrowIOException()
    {
        _bus.Attach(0x23, new SimulatedBh1750(_time));
        using var device = _bus.CreateDevice(0x23);
        device.WriteByte(0x01);

        _bus.Detach(0x23);

        Assert.Throws<IOException>(() => device.WriteByte(0x01));
    }

    [Fact]
    public void NackNextTransfers_Two_FailsTwoThenRecovers()
    {
        var chip = new SimulatedBh1750(_time);
        _bus.Attach(0x23, chip);
        using var device = _bus.CreateDevice(0x23);
        chip.Faults.NackNextTransfers(2);

        Assert.Throws<IOException>(() => device.WriteByte(0x01));
        Assert.Throws<IOException>(() => device.WriteByte(0x01));
        device.WriteByte(0x01);
    }

    [Fact]
    public void Faults_NotTurnedOn_ReadsAreClean()
    {
        var chip = new SimulatedSht3x(_time) { Temperature = 25.0 };
        _bus.Attach(0x44, chip);
        using var device = _bus.CreateDevice(0x44);
        device.Write([0x24, 0x00]);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        var frame = new byte[6];

        device.Read(frame);

        Assert.True(EdgeAi.Devices.Sensors.Sensirion.SensirionCrc8.TryDecodeWords(frame, new ushort[2]));
    }
}
