namespace EdgeAi.Models.Kernels;

/// <summary>Writes int32 results row-major (MatMulInteger).</summary>
internal ref struct Int32TileSink(Span<int> output, int columns) : ITileSink
{
    private readonly Span<int> _output = output;
    private readonly int _columns = columns;

    public readonly void Write(int row, int column, int value) => _output[(row * _columns) + column] = value;
}
