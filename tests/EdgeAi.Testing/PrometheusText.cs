using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeAi.Testing;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a HELP, a TYPE or a
/// sample of a family whose TYPE came first; counters must end in <c>_total</c>. Throws <see cref="FormatException"/>
/// naming the first bad line.
/// </summary>
public static partial class PrometheusText
{
    /// <summary>Parses <paramref name="text"/>; returns each sample (name with its label set as written) and its value.</summary>
    public static IReadOnlyDictionary<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (Help().Match(line) is { Success: true })
            {
                continue;
            }

            if (Type().Match(line) is { Success: true } type)
            {
                var name = type.Groups["name"].Value;
                var kind = type.Groups["type"].Value;
                if (kind == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
                {
                    throw new FormatException($"counter without _total: {line}");
                }

                if (!types.TryAdd(name, kind))
                {
                    throw new FormatException($"second TYPE for {name}");
                }

                continue;
            }

            var sample = Sample().Match(line);
            if (!sample.Success)
            {
                throw new FormatException($"not a HELP, TYPE or sample line: '{line}'");
            }

            var metric = sample.Groups["name"].Value;
            var family = types.ContainsKey(metric) ? metric : HistogramSuffix().Replace(metric, string.Empty);
            if (!types.TryGetValue(family, out var familyType) || (family != metric && familyType != "histogram"))
            {
                throw new FormatException($"sample before its TYPE line: '{line}'");
            }

            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            if (!samples.TryAdd(metric + sample.Groups["labels"].Value, value))
            {
                throw new FormatException($"duplicate sample: '{line}'");
            }
        }

        return samples;
    }

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* [^\n]*$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex Type();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*=""(?:\\[\\""n]|[^""\\\n])*""(?:,[a-zA-Z_][a-zA-Z0-9_]*=""(?:\\[\\""n]|[^""\\\n])*"")*\})? (?<value>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|\+Inf|-Inf|NaN)$")]
    private static partial Regex Sample();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
