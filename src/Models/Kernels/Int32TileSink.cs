namespace EdgeAi.Models.Kernels;

/// <summary>Writes int32 results row-major (MatMulInteger).</summary>
internal ref struct Int32TileSink(Span<int> output, int columns) : ITileSink
{
    private readonly Span<int> _output = output;
    private readonly int _columns = columns;

    public readonly void WriteRow(int row, int column, scoped ReadOnlySpan<int> values) =>
        values.CopyTo(_output.Slice((row * _columns) + column, values.Length));
}
