using System.Globalization;
using System.Text;

namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>
/// A small parser for the part of protobuf text format that Triton's <c>config.pbtxt</c> files use:
/// <c>name: value</c> scalars, <c>name { ... }</c> / <c>name: { ... }</c> messages (also with <c>&lt; &gt;</c>),
/// <c>[a, b]</c> lists of scalars or messages, <c>#</c> comments, and optional <c>,</c>/<c>;</c> separators.
/// It knows no schema: <see cref="ModelConfigReader"/> gives the fields their meaning.
/// </summary>
internal sealed class PbtxtParser
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;

    private PbtxtParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses a whole document.</summary>
    /// <exception cref="PbtxtFormatException">The text is malformed; the message names the line.</exception>
    public static PbtxtMessage Parse(string text)
    {
        var parser = new PbtxtParser(text);
        var message = parser.ParseFields('\0');
        return message;
    }

    private PbtxtMessage ParseFields(char close)
    {
        var fields = new List<PbtxtField>();
        while (true)
        {
            SkipTrivia();
            if (AtEnd)
            {
                if (close != '\0')
                {
                    throw Error($"expected '{close}' before the end of the file");
                }

                return new PbtxtMessage(fields);
            }

            if (Peek == close)
            {
                _pos++;
                return new PbtxtMessage(fields);
            }

            ParseField(fields);
            SkipTrivia();
            if (!AtEnd && (Peek == ',' || Peek == ';'))
            {
                _pos++;
            }
        }
    }

    private void ParseField(List<PbtxtField> fields)
    {
        var line = _line;
        var name = ReadIdentifier() ?? throw Error($"expected a field name, found '{Peek}'");
        SkipTrivia();
        var hasColon = TryConsume(':');
        SkipTrivia();
        if (TryOpenMessage(out var close))
        {
            fields.Add(new PbtxtField(name, null, ParseFields(close), line));
            return;
        }

        // Repeated message fields are commonly written without a colon: `input [ { ... }, { ... } ]`.
        if (TryConsume('['))
        {
            ParseList(name, line, fields);
            return;
        }

        if (!hasColon)
        {
            throw Error($"expected ':' or '{{' after '{name}'");
        }

        fields.Add(new PbtxtField(name, ReadScalar(name), null, line));
    }

    private void ParseList(string name, int line, List<PbtxtField> fields)
    {
        SkipTrivia();
        if (TryConsume(']'))
        {
            return;
        }

        while (true)
        {
            SkipTrivia();
            if (TryOpenMessage(out var close))
            {
                fields.Add(new PbtxtField(name, null, ParseFields(close), line));
            }
            else
            {
                fields.Add(new PbtxtField(name, ReadScalar(name), null, line));
            }

            SkipTrivia();
            if (TryConsume(']'))
            {
                return;
            }

            if (!TryConsume(','))
            {
                throw Error($"expected ',' or ']' in the list '{name}'");
            }
        }
    }

    private PbtxtScalar ReadScalar(string fieldName)
    {
        if (AtEnd)
        {
            throw Error($"expected a value for '{fieldName}'");
        }

        var line = _line;
        var c = Peek;
        if (c == '"' || c == '\'')
        {
            return new PbtxtScalar(PbtxtScalarKind.String, ReadString(c), line);
        }

        if (c == '-' || c == '+' || c == '.' || char.IsAsciiDigit(c))
        {
            var start = _pos;
            _pos++;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '.' || Peek == '-' || Peek == '+'))
            {
                _pos++;
            }

            return new PbtxtScalar(PbtxtScalarKind.Number, _text[start.._pos], line);
        }

        var identifier = ReadIdentifier() ?? throw Error($"expected a value for '{fieldName}', found '{c}'");
        return new PbtxtScalar(PbtxtScalarKind.Identifier, identifier, line);
    }

    private string ReadString(char quote)
    {
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek == '\n')
            {
                throw Error("unterminated string");
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var escaped = _text[_pos++];
                builder.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '\\' or '"' or '\'' => escaped,
                    _ => throw Error(string.Create(CultureInfo.InvariantCulture, $"unsupported escape '\\{escaped}'")),
                });
                continue;
            }

            builder.Append(c);
        }
    }

    private string? ReadIdentifier()
    {
        if (AtEnd || !(char.IsAsciiLetter(Peek) || Peek == '_'))
        {
            return null;
        }

        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '_' || Peek == '.'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private bool TryOpenMessage(out char close)
    {
        close = '\0';
        if (TryConsume('{'))
        {
            close = '}';
        }
        else if (TryConsume('<'))
        {
            close = '>';
        }

        return close != '\0';
    }

    private bool TryConsume(char c)
    {
        if (!AtEnd && Peek == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipTrivia()
    {
        while (!AtEnd)
        {
            var c = Peek;
            if (c == '\n')
            {
                _line++;
                _pos++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (!AtEnd && Peek != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => _text[_pos];

    private PbtxtFormatException Error(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"line {_line}: {message}"));
}
