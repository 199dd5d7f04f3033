using EdgeAi.EdgeHost.Hosting;

namespace EdgeAi.EdgeHost.Tests.Hosting;

public sealed class NodeIdentityTests
{
    [Theory]
    [InlineData("raspberrypi", "raspberrypi")]
    [InlineData("Pi-Kitchen.local", "pi-kitchen_local")]
    [InlineData("  street light #7 ", "street_light__7")]
    [InlineData("", "edgeai")]
    public void Sanitise_HostName_YieldsValidNodeId(string hostName, string expected)
    {
        var id = NodeIdentity.Sanitise(hostName);

        Assert.Equal(expected, id);
        Assert.True(NodeIdentity.IsValid(id));
    }

    [Fact]
    public void Sanitise_LongName_TruncatesToMaxLength()
    {
        var id = NodeIdentity.Sanitise(new string('a', 200));

        Assert.Equal(NodeIdentity.MaxLength, id.Length);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a+b")]
    [InlineData("a#")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_TopicUnsafeId_IsFalse(string? id)
    {
        Assert.False(NodeIdentity.IsValid(id));
    }

    [Fact]
    public void FromHostName_IsAlwaysValid()
    {
        Assert.True(NodeIdentity.IsValid(NodeIdentity.FromHostName()));
    }
}
