using System.Globalization;
using System.Text;

namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: a <c># HELP</c> and <c># TYPE</c> line per metric family,
/// then one <c>name{label="value"} number</c> line per sample, each ended by <c>\n</c>. Escaping follows the
/// format's spec: <c>\\</c> and <c>\n</c> in HELP text, and also <c>\"</c> in label values.
/// </summary>
internal sealed class PrometheusWriter
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family.</summary>
    public void Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }

        _text.Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>Writes one sample; <paramref name="labels"/> are (name, value) pairs.</summary>
    public void Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"");
                foreach (var c in labels[i].Value)
                {
                    _ = c switch
                    {
                        '\\' => _text.Append(@"\\"),
                        '"' => _text.Append("\\\""),
                        '\n' => _text.Append(@"\n"),
                        _ => _text.Append(c),
                    };
                }

                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    /// <summary>A number as the format spells it: Go's float syntax, with <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
