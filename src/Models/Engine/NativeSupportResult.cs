namespace EdgeAi.Models.Engine;

/// <summary>Whether the native engine runs a model, and if not, why (<see cref="NativeSupport.Check"/>).</summary>
public sealed class NativeSupportResult
{
    internal NativeSupportResult(IReadOnlyList<NativeSupportProblem> problems)
    {
        Problems = problems;
    }

    /// <summary>True when <see cref="Problems"/> is empty.</summary>
    public bool IsSupported => Problems.Count == 0;

    /// <summary>Every problem found, in node order (empty when supported).</summary>
    public IReadOnlyList<NativeSupportProblem> Problems { get; }

    /// <summary>"supported", or the problems one per line.</summary>
    public override string ToString() =>
        IsSupported ? "supported" : string.Join(Environment.NewLine, Problems.Select(p => p.ToString()));
}
