using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// A board's 40-pin header: which GPIO line each header pin is, which pins carry I2C and PWM. Loaded from
/// <c>hardware/boards/&lt;name&gt;.json</c>, embedded in the executable.
/// </summary>
public sealed class BoardMap
{
    /// <summary>The board's name, as a manifest selects it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Human description.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The <c>/dev/gpiochipN</c> whose lines the header uses.</summary>
    public int GpioChip { get; set; }

    /// <summary>Number of lines of that chip.</summary>
    public int GpioLines { get; set; }

    /// <summary>Header pin number to GPIO line.</summary>
    public Dictionary<int, int> Header { get; set; } = [];

    /// <summary>Header pins that are supply or ground.</summary>
    public List<int> Power { get; set; } = [];

    /// <summary>Lines that can only be inputs.</summary>
    public List<int> InputOnly { get; set; } = [];

    /// <summary>I2C buses on the header.</summary>
    public List<I2cBusPins> I2c { get; set; } = [];

    /// <summary>Hardware PWM channels and the lines they can drive.</summary>
    public List<PwmPins> Pwm { get; set; } = [];

    /// <summary>Names of the boards shipped with the executable.</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(BoardMap).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    private const string ResourcePrefix = "EdgeAi.Boards.";

    /// <summary>Loads the shipped map of <paramref name="name"/>, or null when there is none.</summary>
    public static BoardMap? Load(string name)
    {
        using var stream = typeof(BoardMap).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.json");
        return stream is null ? null : JsonSerializer.Deserialize(stream, BoardMapJson.Default.BoardMap);
    }

    /// <summary>The header pin whose line is <paramref name="line"/>, if any (for messages).</summary>
    public int? HeaderPinOf(int line) => Header.Where(p => p.Value == line).Select(p => (int?)p.Key).FirstOrDefault();

    /// <summary>"GPIO17 (header pin 11)" or "GPIO line 17".</summary>
    public string Describe(int line) => HeaderPinOf(line) is { } pin ? $"GPIO{line} (header pin {pin})" : $"GPIO line {line}";
}

/// <summary>An I2C bus on the header.</summary>
public sealed class I2cBusPins
{
    /// <summary>The <c>/dev/i2c-N</c> bus number.</summary>
    public int Bus { get; set; }

    /// <summary>SDA as a GPIO line, when the pad is one.</summary>
    public int? Sda { get; set; }

    /// <summary>SCL as a GPIO line, when the pad is one.</summary>
    public int? Scl { get; set; }

    /// <summary>SDA's header pin, where the pad is not a GPIO line of <see cref="BoardMap.GpioChip"/>.</summary>
    public int? SdaHeader { get; set; }

    /// <summary>SCL's header pin, where the pad is not a GPIO line of <see cref="BoardMap.GpioChip"/>.</summary>
    public int? SclHeader { get; set; }

    /// <summary>Notes for wiring.</summary>
    public string? Note { get; set; }
}

/// <summary>A hardware PWM channel.</summary>
public sealed class PwmPins
{
    /// <summary>The <c>/sys/class/pwm/pwmchipN</c> number.</summary>
    public int Chip { get; set; }

    /// <summary>The channel of that chip.</summary>
    public int Channel { get; set; }

    /// <summary>GPIO lines the channel can be routed to.</summary>
    public List<int> Lines { get; set; } = [];

    /// <summary>Notes for enabling it.</summary>
    public string? Note { get; set; }
}

/// <summary>Source-generated JSON for board maps.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BoardMap))]
internal sealed partial class BoardMapJson : JsonSerializerContext;
