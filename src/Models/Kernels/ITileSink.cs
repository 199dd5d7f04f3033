namespace EdgeAi.Models.Kernels;

/// <summary>Receives the zero-point-corrected int32 results of <see cref="QGemm"/>, one element at a time.</summary>
/// <remarks>Implemented by ref structs passed as generic arguments, so the JIT specializes and inlines the write.</remarks>
internal interface ITileSink
{
    /// <summary>Stores the result for (<paramref name="row"/>, <paramref name="column"/>).</summary>
    void Write(int row, int column, int value);
}
