namespace EdgeAi.Cloud.Client.Oip;

/// <summary>The answer of <c>POST .../infer</c>.</summary>
/// <param name="ModelName">Model that answered.</param>
/// <param name="ModelVersion">Version that answered.</param>
/// <param name="Id">The request id echoed, if one was sent.</param>
/// <param name="Outputs">Output tensors (flat data).</param>
public sealed record InferResult(string ModelName, string? ModelVersion, string? Id, IReadOnlyList<InferTensor> Outputs)
{
    /// <summary>The output named <paramref name="name"/>.</summary>
    public InferTensor Output(string name) =>
        Outputs.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"the response has no output '{name}'");
}
