namespace EdgeAi.Models.Kernels;

/// <summary>Requantizes results and writes them as bytes row-major (QLinearMatMul; int8 outputs are the same bytes in two's complement).</summary>
internal ref struct RequantizingTileSink(Span<byte> output, int columns, Requantization requantization) : ITileSink
{
    private readonly Span<byte> _output = output;
    private readonly int _columns = columns;
    private readonly Requantization _requantization = requantization;

    public readonly void WriteRow(int row, int column, scoped ReadOnlySpan<int> values)
    {
        Span<byte> output = _output.Slice((row * _columns) + column, values.Length);
        for (int j = 0; j < values.Length; j++)
        {
            output[j] = unchecked((byte)_requantization.Apply(values[j], column + j));
        }
    }
}
