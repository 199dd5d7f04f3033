namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>A scalar value in protobuf text format: a quoted string, a number, or a bare identifier (enum value, bool).</summary>
/// <param name="Kind">What the token looked like.</param>
/// <param name="Text">The string's unescaped content, or the token as written.</param>
/// <param name="Line">1-based line, for error messages.</param>
internal sealed record PbtxtScalar(PbtxtScalarKind Kind, string Text, int Line);
