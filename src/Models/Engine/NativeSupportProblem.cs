namespace EdgeAi.Models.Engine;

/// <summary>One reason the native engine cannot run a model, naming the node it concerns.</summary>
/// <param name="NodeName">The node's name (may be empty when the model leaves it unnamed; empty for graph-level problems).</param>
/// <param name="OpType">The node's op_type (empty for graph-level problems such as an input's dtype).</param>
/// <param name="Domain">The node's domain ("" is the default ONNX domain).</param>
/// <param name="Reason">Why, in words (unsupported op, attribute value, dtype, shape...).</param>
public sealed record NativeSupportProblem(string NodeName, string OpType, string Domain, string Reason)
{
    /// <summary>"node 'name' (OpType, domain): reason".</summary>
    public override string ToString() => OpType.Length == 0
        ? Reason
        : $"node '{NodeName}' ({OpType}{(Domain.Length == 0 ? string.Empty : ", " + Domain)}): {Reason}";
}
