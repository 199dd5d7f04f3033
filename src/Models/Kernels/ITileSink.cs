namespace EdgeAi.Models.Kernels;

/// <summary>Receives the zero-point-corrected int32 results of <see cref="QGemm"/>, one element at a time.</summary>
/// <remarks>Implemented by ref structs passed as generic arguments, so the JIT specializes and inlines the write.</remarks>
internal interface ITileSink
{
    /// <summary>Stores results for (<paramref name="row"/>, <paramref name="column"/> + j), j &lt; values.Length.</summary>
    void WriteRow(int row, int column, scoped ReadOnlySpan<int> values);
}
