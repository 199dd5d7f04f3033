using System.Text.Json;
using EdgeAi.EdgeHost.Locks;

namespace EdgeAi.EdgeHost.Tests.Locks;

public sealed class LockAuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Append_WritesOneJsonLinePerAttemptAndKeepsOlderOnes()
    {
        var log = new LockAuditLog(_directory);
        var time = DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        log.Append(time, "front_door", "UNLOCK", "hub-1", "wrong_code");
        new LockAuditLog(_directory).Append(time.AddSeconds(1), "front_door", "UNLOCK", "hub-1", "accepted");

        var lines = log.ReadLines().ToList();
        Assert.Equal(2, lines.Count);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("front_door", first.RootElement.GetProperty("lock").GetString());
        Assert.Equal("UNLOCK", first.RootElement.GetProperty("action").GetString());
        Assert.Equal("hub-1", first.RootElement.GetProperty("source").GetString());
        Assert.Equal("wrong_code", first.RootElement.GetProperty("result").GetString());
        Assert.Equal(time, first.RootElement.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log.Path));
    }
}
