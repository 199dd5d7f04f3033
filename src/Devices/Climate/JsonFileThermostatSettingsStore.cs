using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAi.Devices.Climate;

/// <summary>
/// Stores thermostat settings as a small JSON file (for example <c>DATA_DIR/thermostat-living.json</c>), replaced
/// atomically (written to a temporary file, flushed, then moved over the old one) so a power cut leaves the old or the
/// new settings, never half a file.
/// </summary>
public sealed class JsonFileThermostatSettingsStore : IThermostatSettingsStore
{
    // Source-generated metadata with the generic enum converter: trimming- and Native AOT-safe.
    private static readonly ThermostatSettingsJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<ThermostatMode>(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });

    /// <summary>Creates the store for <paramref name="path"/>; the directory is created on the first save.</summary>
    public JsonFileThermostatSettingsStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file the settings live in.</summary>
    public string Path { get; }

    /// <inheritdoc />
    /// <remarks>A missing, unreadable or malformed file yields null: the thermostat then starts in mode off.</remarks>
    public ThermostatSettings? Load()
    {
        try
        {
            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize(stream, Json.ThermostatSettings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Save(ThermostatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, settings, Json.ThermostatSettings);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
