using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeAi.EdgeHost.Hosting;

namespace EdgeAi.EdgeHost.Locks;

/// <summary>
/// The hashed codes of every lock, in <c>lock-codes.json</c> in the data directory (mode 0600). Only hashes are
/// stored. Reads go to the file each time, so a code set with <c>edgeai lock set-code</c> while the node runs
/// takes effect at the next attempt. Thread-safe within a process; writes replace the file atomically.
/// </summary>
/// <param name="dataDirectory">The node's data directory.</param>
/// <param name="iterations">PBKDF2 iterations for codes set through this instance (tests use fewer).</param>
public sealed class LockCodeStore(string dataDirectory, int iterations = LockCodeHash.DefaultIterations)
{
    /// <summary>File name in the data directory.</summary>
    public const string FileName = "lock-codes.json";

    private readonly Lock _gate = new();

    /// <summary>The file's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>The hash for <paramref name="entityId"/>, or null when no code is set.</summary>
    /// <exception cref="InvalidDataException">The file is corrupt (no code is then considered valid).</exception>
    public LockCodeHash? Get(string entityId)
    {
        lock (_gate)
        {
            return Read().GetValueOrDefault(entityId);
        }
    }

    /// <summary>Sets (or replaces) the code of <paramref name="entityId"/>.</summary>
    /// <exception cref="ArgumentException">The code is not 4 to 8 digits.</exception>
    public void Set(string entityId, string code)
    {
        if (!LockCodeFormat.IsValid(code))
        {
            throw new ArgumentException("A lock code is 4 to 8 digits.", nameof(code));
        }

        var hash = LockCodeHash.Create(code, iterations);
        lock (_gate)
        {
            var codes = Read();
            codes[entityId] = hash;
            SecretFile.Replace(Path, JsonSerializer.Serialize(codes, LockCodeJson.Default.DictionaryStringLockCodeHash));
        }
    }

    private Dictionary<string, LockCodeHash> Read()
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, LockCodeHash>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), LockCodeJson.Default.DictionaryStringLockCodeHash)
                ?? throw new InvalidDataException($"{Path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path} is not valid; set the codes again.", ex);
        }
    }
}

/// <summary>Source-generated JSON for the lock code file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, LockCodeHash>))]
internal sealed partial class LockCodeJson : JsonSerializerContext;
