namespace EdgeAi.EdgeHost.Commands;

/// <summary>A validated command payload: a word, a number, a text, or an object of those.</summary>
public sealed class CommandValue
{
    private CommandValue(string? text, double number, IReadOnlyDictionary<string, CommandValue>? fields)
    {
        Text = text;
        Number = number;
        Fields = fields;
    }

    /// <summary>The word or text, when the schema was a word or a text.</summary>
    public string? Text { get; }

    /// <summary>The number, when the schema was a number.</summary>
    public double Number { get; }

    /// <summary>The fields, when the schema was an object.</summary>
    public IReadOnlyDictionary<string, CommandValue>? Fields { get; }

    /// <summary>A field's value, or null when the optional field was absent.</summary>
    public CommandValue? this[string field] => Fields is not null && Fields.TryGetValue(field, out var value) ? value : null;

    internal static CommandValue OfText(string text) => new(text, double.NaN, null);

    internal static CommandValue OfNumber(double number) => new(null, number, null);

    internal static CommandValue OfFields(IReadOnlyDictionary<string, CommandValue> fields) => new(null, double.NaN, fields);
}
