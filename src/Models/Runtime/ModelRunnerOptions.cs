using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Runtime;

/// <summary>How to bind and run a model.</summary>
public sealed class ModelRunnerOptions
{
    /// <summary>
    /// Concrete shapes for inputs whose declared shape has symbolic dimensions, by input name. An input not listed
    /// gets 1 for every symbolic dimension (batch 1).
    /// </summary>
    public IDictionary<string, int[]> InputShapes { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal);

    /// <summary>Intra-op threads for ONNX Runtime (default 1: the edge node runs one model on one core, spinning off).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Kernel set for the native engine; null means <see cref="KernelSelector.Default"/>.</summary>
    public KernelSet? Kernels { get; set; }
}
