namespace EdgeAi.Models.Kernels;

/// <summary>
/// Adds the optional per-column bias, requantizes and writes bytes row-major (QLinearMatMul, QDQ Gemm and
/// QLinearConv; int8 outputs are the same bytes in two's complement).
/// </summary>
/// <remarks>
/// The bias is added in int32 with wrap-around to the zero-point-corrected accumulator, before requantization:
/// ONNX QLinearConv's bias "B" is int32 with scale x_scale · w_scale and zero point 0, so it belongs to the
/// accumulator's domain. An empty bias means none.
/// </remarks>
internal ref struct RequantizingTileSink(Span<byte> output, int columns, Requantization requantization, ReadOnlySpan<int> bias) : ITileSink
{
    private readonly Span<byte> _output = output;
    private readonly int _columns = columns;
    private readonly Requantization _requantization = requantization;
    private readonly ReadOnlySpan<int> _bias = bias;

    public RequantizingTileSink(Span<byte> output, int columns, Requantization requantization)
        : this(output, columns, requantization, default)
    {
    }

    public readonly void WriteRow(int row, int column, scoped ReadOnlySpan<int> values)
    {
        Span<byte> output = _output.Slice((row * _columns) + column, values.Length);
        ReadOnlySpan<int> bias = _bias.IsEmpty ? default : _bias.Slice(column, values.Length);
        _requantization.ApplyRow(values, bias, column, output, 1);
    }
}
