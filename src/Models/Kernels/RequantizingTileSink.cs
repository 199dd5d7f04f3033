namespace EdgeAi.Models.Kernels;

/// <summary>Requantizes results and writes them as bytes row-major (QLinearMatMul; int8 outputs are the same bytes in two's complement).</summary>
internal ref struct RequantizingTileSink(Span<byte> output, int columns, Requantization requantization) : ITileSink
{
    private readonly Span<byte> _output = output;
    private readonly int _columns = columns;
    private readonly Requantization _requantization = requantization;

    public readonly void Write(int row, int column, int value) =>
        _output[(row * _columns) + column] = unchecked((byte)_requantization.Apply(value, column));
}
