using System.Text.RegularExpressions;

namespace EdgeAi.EdgeHost.Locks;

/// <summary>Lock codes are 4 to 8 digits, the <c>code_format</c> announced to Home Assistant.</summary>
public static partial class LockCodeFormat
{
    /// <summary>The pattern as announced in discovery.</summary>
    public const string Pattern = @"^\d{4,8}$";

    /// <summary>Whether <paramref name="code"/> has the accepted format (ASCII digits only).</summary>
    public static bool IsValid(string? code) => code is not null && Regex().IsMatch(code);

    /// <summary>The compiled pattern (ASCII digits only: <c>\d</c> would also match other scripts' digits).</summary>
    [GeneratedRegex("^[0-9]{4,8}$")]
    public static partial Regex Regex();
}
