using EdgeAi.EdgeHost.Bridge;

namespace EdgeAi.EdgeHost.Tests.Bridge;

public sealed class RecentPacketsTests
{
    [Fact]
    public void Redelivery_OfExecutedPacket_IsRefused()
    {
        var recent = new RecentPackets();

        Assert.True(recent.TryRecord(7, duplicate: false));
        Assert.False(recent.TryRecord(7, duplicate: true));
    }

    [Fact]
    public void ReusedPacketId_WithoutDupFlag_IsANewCommand()
    {
        // Packet identifiers are reused once acknowledged: without DUP the same id is a new message.
        var recent = new RecentPackets();
        recent.TryRecord(7, duplicate: false);

        Assert.True(recent.TryRecord(7, duplicate: false));
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var recent = new RecentPackets();
        recent.TryRecord(7, duplicate: false);

        recent.Clear();

        Assert.True(recent.TryRecord(7, duplicate: true));
    }

    [Fact]
    public void Capacity_OldestForgotten()
    {
        var recent = new RecentPackets(capacity: 2);
        recent.TryRecord(1, false);
        recent.TryRecord(2, false);
        recent.TryRecord(3, false);

        Assert.True(recent.TryRecord(1, duplicate: true));
        Assert.False(recent.TryRecord(3, duplicate: true));
    }
}
