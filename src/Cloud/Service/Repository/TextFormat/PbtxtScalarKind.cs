namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>The lexical kind of a <see cref="PbtxtScalar"/>.</summary>
internal enum PbtxtScalarKind
{
    /// <summary>A quoted string.</summary>
    String,

    /// <summary>A number literal.</summary>
    Number,

    /// <summary>A bare identifier: an enum value or <c>true</c>/<c>false</c>.</summary>
    Identifier,
}
