using System.Text.RegularExpressions;

namespace EdgeAi.EdgeHost.Commands;

/// <summary>What a command topic accepts. <see cref="CommandValidator"/> checks every payload against one of these.</summary>
public abstract record CommandSchema
{
    /// <summary>One of a fixed set of words, exactly (<c>ON</c>, <c>LOCK</c>, <c>heat</c>).</summary>
    public static CommandSchema Word(params string[] allowed) => new WordSchema(allowed);

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>]; integers only when <paramref name="wholeNumbers"/>.</summary>
    public static CommandSchema Number(double min, double max, bool wholeNumbers = false, string unit = "") => new NumberSchema(min, max, wholeNumbers, unit);

    /// <summary>A string matching <paramref name="pattern"/> (whole string).</summary>
    public static CommandSchema Text(Regex pattern, string description) => new TextSchema(pattern, description);

    /// <summary>A flat JSON object: only these fields, the <paramref name="required"/> ones present, each valid.</summary>
    public static CommandSchema JsonObject(IReadOnlyDictionary<string, CommandSchema> fields, params string[] required) => new ObjectSchema(fields, required);
}

/// <summary>One of a fixed set of words.</summary>
/// <param name="Allowed">The accepted words, compared ordinally.</param>
public sealed record WordSchema(IReadOnlyList<string> Allowed) : CommandSchema;

/// <summary>A finite number within a range.</summary>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
/// <param name="WholeNumbers">Whether only whole numbers are accepted.</param>
/// <param name="Unit">Unit shown in error messages.</param>
public sealed record NumberSchema(double Min, double Max, bool WholeNumbers, string Unit) : CommandSchema;

/// <summary>A string matching a pattern.</summary>
/// <param name="Pattern">The whole-string pattern.</param>
/// <param name="Description">What the pattern means, for error messages (never echoes the value).</param>
public sealed record TextSchema(Regex Pattern, string Description) : CommandSchema;

/// <summary>A flat JSON object with known fields.</summary>
/// <param name="Fields">Field name to schema; any other field is rejected.</param>
/// <param name="Required">Fields that must be present.</param>
public sealed record ObjectSchema(IReadOnlyDictionary<string, CommandSchema> Fields, IReadOnlyList<string> Required) : CommandSchema;
