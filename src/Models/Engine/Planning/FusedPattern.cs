namespace EdgeAi.Models.Engine.Planning;

/// <summary>
/// A QDQ pattern found around a MatMul, Gemm or Conv (node indices into the graph): DQ(x) and DQ(w) feed the core,
/// optionally followed by a bias Add, a Relu or Clip, and a QuantizeLinear. All of it becomes one integer step.
/// </summary>
internal sealed class FusedPattern
{
    public required int Core { get; init; }

    public required int DequantizeX { get; init; }

    public required int DequantizeW { get; init; }

    /// <summary>The Add node whose other input is a constant bias, or -1.</summary>
    public int Add { get; set; } = -1;

    /// <summary>The Relu or Clip node folded into the clamp, or -1.</summary>
    public int Activation { get; set; } = -1;

    /// <summary>The QuantizeLinear node, or -1 (the pattern then outputs float).</summary>
    public int Quantize { get; set; } = -1;

    /// <summary>The value the pattern produces (the last absorbed node's output).</summary>
    public required string Output { get; set; }

    public IEnumerable<int> Nodes()
    {
        yield return Core;
        foreach (int n in new[] { Add, Activation, Quantize })
        {
            if (n >= 0)
            {
                yield return n;
            }
        }
    }
}
