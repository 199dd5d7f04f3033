using System.Text;
using System.Text.Json;

namespace EdgeAi.EdgeHost.Locks;

/// <summary>
/// Append-only audit log of every lock command attempt: <c>lock-audit.log</c> in the data directory, one JSON
/// object a line with time, lock, action, source client id and result. Codes are never written. The file is
/// opened in append mode for each record and written through, so a crash loses at most the record in flight.
/// </summary>
public sealed class LockAuditLog(string dataDirectory)
{
    /// <summary>File name in the data directory.</summary>
    public const string FileName = "lock-audit.log";

    private readonly Lock _gate = new();

    /// <summary>The file's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>Appends one record.</summary>
    public void Append(DateTimeOffset time, string entityId, string action, string source, string result)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", time.ToUniversalTime());
            json.WriteString("lock", entityId);
            json.WriteString("action", action);
            json.WriteString("source", source);
            json.WriteString("result", result);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        lock (_gate)
        {
            using var file = new FileStream(Path, options);
            buffer.WriteTo(file);
        }
    }

    /// <summary>Reads every record (for tests and <c>edgeai lock audit</c>-style tooling).</summary>
    public IEnumerable<string> ReadLines() => File.Exists(Path) ? File.ReadLines(Path, Encoding.UTF8) : [];
}
