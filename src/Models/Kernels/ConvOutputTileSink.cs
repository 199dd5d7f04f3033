namespace EdgeAi.Models.Kernels;

/// <summary>
/// Takes GEMM tiles whose rows are output pixels and whose columns are one group's output channels, adds the bias,
/// requantizes and writes them transposed into an NCHW output image (QLinearConv).
/// </summary>
/// <param name="image">One output image, M planes of <paramref name="plane"/> bytes.</param>
/// <param name="plane">Output pixels per channel, OH · OW.</param>
/// <param name="firstPixel">The output pixel of GEMM row 0.</param>
/// <param name="firstChannel">The output channel of GEMM column 0 (group · M / group).</param>
/// <param name="requantization">1 or M channels.</param>
/// <param name="bias">Empty or M values.</param>
internal ref struct ConvOutputTileSink(Span<byte> image, int plane, int firstPixel, int firstChannel, Requantization requantization, ReadOnlySpan<int> bias) : ITileSink
{
    private readonly Span<byte> _image = image;
    private readonly int _plane = plane;
    private readonly int _firstPixel = firstPixel;
    private readonly int _firstChannel = firstChannel;
    private readonly Requantization _requantization = requantization;
    private readonly ReadOnlySpan<int> _bias = bias;

    public readonly void WriteRow(int row, int column, scoped ReadOnlySpan<int> values)
    {
        int channel = _firstChannel + column;
        int index = (channel * _plane) + _firstPixel + row;
        ReadOnlySpan<int> bias = _bias.IsEmpty ? default : _bias.Slice(channel, values.Length);
        _requantization.ApplyRow(values, bias, channel, _image[index..], _plane);
    }
}
