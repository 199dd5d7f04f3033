namespace EdgeAi.Models.Engine;

/// <summary>The native engine cannot run a model; <see cref="Problems"/> says which nodes and why (run it with ONNX Runtime instead).</summary>
public sealed class NativeModelNotSupportedException : NotSupportedException
{
    /// <summary>Creates the exception with no problems listed.</summary>
    public NativeModelNotSupportedException()
        : this("The native engine cannot run this model.")
    {
    }

    /// <summary>Creates the exception with a message and no problems listed.</summary>
    public NativeModelNotSupportedException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no problems listed.</summary>
    public NativeModelNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception for <paramref name="problems"/>; the message lists them.</summary>
    public NativeModelNotSupportedException(IReadOnlyList<NativeSupportProblem> problems)
        : base(MessageFor(problems))
    {
        Problems = problems;
    }

    /// <summary>The nodes the native engine cannot run, and why.</summary>
    public IReadOnlyList<NativeSupportProblem> Problems { get; }

    private static string MessageFor(IReadOnlyList<NativeSupportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return "The native engine cannot run this model (use ONNX Runtime): " + string.Join("; ", problems.Select(p => p.ToString()));
    }
}
