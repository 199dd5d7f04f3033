namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>
/// A parsed text-format message: its fields in file order. A repeated field appears once per element,
/// whether written as repeated entries or as a <c>[a, b]</c> list (both are valid text format).
/// </summary>
internal sealed class PbtxtMessage
{
    /// <summary>Creates a message from its fields.</summary>
    public PbtxtMessage(IReadOnlyList<PbtxtField> fields)
    {
        Fields = fields;
    }

    /// <summary>Every field occurrence in file order.</summary>
    public IReadOnlyList<PbtxtField> Fields { get; }

    /// <summary>All occurrences of <paramref name="name"/>.</summary>
    public IEnumerable<PbtxtField> All(string name) => Fields.Where(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
