using EdgeAi.EdgeHost.Mqtt.Broker;

namespace EdgeAi.EdgeHost.Tests.Mqtt.Broker;

public sealed class EmbeddedBrokerCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-creds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadOrCreate_FirstStart_CreatesRandomPasswordsInOwnerOnlyFile()
    {
        var credentials = EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1");

        Assert.True(credentials.CreatedNow);
        Assert.Equal("homeassistant", credentials.Hub.UserName);
        Assert.Equal("edgeai-node1", credentials.Node.UserName);
        Assert.True(credentials.Hub.Password.Length >= 20);
        Assert.NotEqual(credentials.Hub.Password, credentials.Node.Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials.Path));
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReadsTheSamePasswords()
    {
        var first = EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1");

        var second = EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1");

        Assert.False(second.CreatedNow);
        Assert.Equal(first.Hub, second.Hub);
        Assert.Equal(first.Node, second.Node);
    }

    [Fact]
    public void LoadOrCreate_TwoNodes_GetDifferentPasswords()
    {
        var other = Directory.CreateTempSubdirectory("edgeai-creds-").FullName;
        try
        {
            var a = EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1");
            var b = EmbeddedBrokerCredentials.LoadOrCreate(other, "node1");

            Assert.NotEqual(a.Hub.Password, b.Hub.Password);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void LoadOrCreate_CorruptFile_ThrowsAndLeavesItUntouched()
    {
        var path = Path.Combine(_directory, EmbeddedBrokerCredentials.FileName);
        File.WriteAllText(path, "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1"));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", File.ReadAllText(path));
    }

    [Fact]
    public void Authenticate_MapsAccountsToRoles()
    {
        var credentials = EmbeddedBrokerCredentials.LoadOrCreate(_directory, "node1");

        Assert.Equal(BrokerRole.Hub, credentials.Authenticate("homeassistant", credentials.Hub.Password));
        Assert.Equal(BrokerRole.Node, credentials.Authenticate("edgeai-node1", credentials.Node.Password));
        Assert.Equal(BrokerRole.None, credentials.Authenticate("homeassistant", credentials.Node.Password));
        Assert.Equal(BrokerRole.None, credentials.Authenticate("homeassistant", null));
        Assert.Equal(BrokerRole.None, credentials.Authenticate(null, null));
    }
}
