using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The house's state as a JSON file in a state directory, replaced atomically on every save (write a temporary file in
/// the same directory, then rename over the old one), so a process killed at any moment (even SIGKILL) leaves either the
/// previous state or the new one, never half of one. Thread-safe.
/// </summary>
/// <remarks>
/// The rename is atomic on POSIX file systems (rename(2)). The file is not fsync'ed: a killed process loses nothing
/// (the page cache survives it); a power cut may lose the last seconds, as it would on a real board's SD card.
/// </remarks>
public sealed class HouseStateFile
{
    /// <summary>The file name inside the state directory.</summary>
    public const string FileName = "world-state.json";

    // Source-generated metadata with the generic enum converter: trimming- and Native AOT-safe.
    private static readonly HouseStateJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter<OccupantPlace>(JsonNamingPolicy.SnakeCaseLower) },
    });

    private readonly Lock _gate = new();
    private readonly string _temporaryPath;

    /// <summary>Uses <see cref="FileName"/> in <paramref name="stateDirectory"/>, creating the directory if needed.</summary>
    public HouseStateFile(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        Directory.CreateDirectory(stateDirectory);
        FilePath = Path.GetFullPath(Path.Combine(stateDirectory, FileName));
        _temporaryPath = FilePath + ".tmp";
    }

    /// <summary>The state file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Number of saves done by this instance.</summary>
    public int Saves { get; private set; }

    /// <summary>Reads the saved state; null when there is none yet (first start).</summary>
    /// <exception cref="HouseStateFileException">The file exists but is not a valid state (named in the message).</exception>
    public HouseState? Load()
    {
        lock (_gate)
        {
            if (!File.Exists(FilePath))
            {
                return null;
            }

            HouseState? state;
            try
            {
                state = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), Json.HouseState);
            }
            catch (JsonException e)
            {
                throw Corrupt($"it is not valid JSON ({e.Message})", e);
            }

            if (state is null)
            {
                throw Corrupt("it holds null instead of a state", null);
            }

            if (state.Version != 1)
            {
                throw Corrupt($"its version {state.Version} is not 1", null);
            }

            if (!double.IsFinite(state.LivingTemperatureCelsius) || !double.IsFinite(state.LivingCo2Ppm) || state.SimulatedTime == default)
            {
                throw Corrupt("it lacks the simulated time or holds a non-finite temperature or CO2", null);
            }

            return state;
        }
    }

    /// <summary>Replaces the saved state atomically.</summary>
    public void Save(HouseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, Json.HouseState);
        lock (_gate)
        {
            File.WriteAllBytes(_temporaryPath, bytes);
            File.Move(_temporaryPath, FilePath, overwrite: true);
            Saves++;
        }
    }

    private HouseStateFileException Corrupt(string why, Exception? inner)
    {
        var message = $"The simulated house state file '{FilePath}' cannot be used: {why}. It was left as it is; move it away to start the house afresh.";
        return inner is null
            ? new HouseStateFileException(message) { FilePath = FilePath }
            : new HouseStateFileException(message, inner) { FilePath = FilePath };
    }
}
