using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Quantized pooling over NCHW u8 or s8 tensors: ONNX MaxPool (on quantized values, where max commutes with the
/// monotonic dequantization), and ONNX Runtime's QLinearAveragePool and QLinearGlobalAveragePool (com.microsoft).
/// </summary>
/// <remarks>
/// <para>Averages are requantized from (x_scale, x_zero_point) to (y_scale, y_zero_point):
/// y = clamp(round((Σ (x - x_zero_point)) · (x_scale / y_scale) / count) + y_zero_point), where the sum is exact
/// (integer), the product and quotient are evaluated in double precision in that order, and round is to nearest
/// with ties to even (the rounding of ONNX QuantizeLinear). ONNX Runtime evaluates the same real value in float32,
/// so the two can differ by one where the real value lies within float32 rounding of a .5 boundary.</para>
/// <para>ceil_mode = 1 is not supported (see <see cref="QPoolShape"/>). Every method is allocation-free and
/// thread-safe.</para>
/// </remarks>
public static class QPool
{
    /// <summary>ONNX MaxPool on u8 values: the largest value of each window; padding positions are ignored.</summary>
    /// <param name="input">batch · C · H · W values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="shape">The window geometry.</param>
    /// <param name="output">batch · C · OH · OW values.</param>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public static void MaxPool(ReadOnlySpan<byte> input, int batch, QPoolShape shape, Span<byte> output) =>
        MaxPoolCore(input, batch, shape, output);

    /// <summary>ONNX MaxPool on s8 values: the largest value of each window; padding positions are ignored.</summary>
    /// <param name="input">batch · C · H · W values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="shape">The window geometry.</param>
    /// <param name="output">batch · C · OH · OW values.</param>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public static void MaxPool(ReadOnlySpan<sbyte> input, int batch, QPoolShape shape, Span<sbyte> output) =>
        MaxPoolCore(input, batch, shape, output);

    /// <summary>QLinearAveragePool on u8 values (rounding in the type's remarks).</summary>
    /// <param name="input">batch · C · H · W values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="shape">The window geometry.</param>
    /// <param name="countIncludePad">ONNX count_include_pad: 1 divides by the whole window (padding counted as
    /// x_zero_point), 0 by the taps inside the input.</param>
    /// <param name="inputScale">x_scale, positive.</param>
    /// <param name="inputZeroPoint">x_zero_point.</param>
    /// <param name="outputScale">y_scale, positive.</param>
    /// <param name="outputZeroPoint">y_zero_point.</param>
    /// <param name="output">batch · C · OH · OW values.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or a scale is not positive and finite.</exception>
    public static void AveragePool(
        ReadOnlySpan<byte> input, int batch, QPoolShape shape, bool countIncludePad, float inputScale, byte inputZeroPoint,
        float outputScale, byte outputZeroPoint, Span<byte> output) =>
        AveragePoolCore(input, batch, shape, countIncludePad, Ratio(inputScale, outputScale), inputZeroPoint, outputZeroPoint, output);

    /// <summary>QLinearAveragePool on s8 values (rounding in the type's remarks).</summary>
    /// <param name="input">batch · C · H · W values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="shape">The window geometry.</param>
    /// <param name="countIncludePad">ONNX count_include_pad: 1 divides by the whole window (padding counted as
    /// x_zero_point), 0 by the taps inside the input.</param>
    /// <param name="inputScale">x_scale, positive.</param>
    /// <param name="inputZeroPoint">x_zero_point.</param>
    /// <param name="outputScale">y_scale, positive.</param>
    /// <param name="outputZeroPoint">y_zero_point.</param>
    /// <param name="output">batch · C · OH · OW values.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or a scale is not positive and finite.</exception>
    public static void AveragePool(
        ReadOnlySpan<sbyte> input, int batch, QPoolShape shape, bool countIncludePad, float inputScale, sbyte inputZeroPoint,
        float outputScale, sbyte outputZeroPoint, Span<sbyte> output) =>
        AveragePoolCore(input, batch, shape, countIncludePad, Ratio(inputScale, outputScale), inputZeroPoint, outputZeroPoint, output);

    /// <summary>QLinearGlobalAveragePool on u8 NCHW values: one average per image and channel (rounding in the type's remarks).</summary>
    /// <param name="input">batch · channels · spatialSize values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="channels">Channels, at least 1.</param>
    /// <param name="spatialSize">Values per channel (H · W, or the product of any spatial dimensions), at least 1.</param>
    /// <param name="inputScale">x_scale, positive.</param>
    /// <param name="inputZeroPoint">x_zero_point.</param>
    /// <param name="outputScale">y_scale, positive.</param>
    /// <param name="outputZeroPoint">y_zero_point.</param>
    /// <param name="output">batch · channels values (N x C x 1 x 1).</param>
    /// <exception cref="ArgumentException">A size or length does not match, or a scale is not positive and finite.</exception>
    public static void GlobalAveragePool(
        ReadOnlySpan<byte> input, int batch, int channels, int spatialSize, float inputScale, byte inputZeroPoint,
        float outputScale, byte outputZeroPoint, Span<byte> output) =>
        GlobalAveragePoolCore(input, batch, channels, spatialSize, Ratio(inputScale, outputScale), inputZeroPoint, outputZeroPoint, output);

    /// <summary>QLinearGlobalAveragePool on s8 NCHW values: one average per image and channel (rounding in the type's remarks).</summary>
    /// <param name="input">batch · channels · spatialSize values.</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="channels">Channels, at least 1.</param>
    /// <param name="spatialSize">Values per channel (H · W, or the product of any spatial dimensions), at least 1.</param>
    /// <param name="inputScale">x_scale, positive.</param>
    /// <param name="inputZeroPoint">x_zero_point.</param>
    /// <param name="outputScale">y_scale, positive.</param>
    /// <param name="outputZeroPoint">y_zero_point.</param>
    /// <param name="output">batch · channels values (N x C x 1 x 1).</param>
    /// <exception cref="ArgumentException">A size or length does not match, or a scale is not positive and finite.</exception>
    public static void GlobalAveragePool(
        ReadOnlySpan<sbyte> input, int batch, int channels, int spatialSize, float inputScale, sbyte inputZeroPoint,
        float outputScale, sbyte outputZeroPoint, Span<sbyte> output) =>
        GlobalAveragePoolCore(input, batch, channels, spatialSize, Ratio(inputScale, outputScale), inputZeroPoint, outputZeroPoint, output);

    /// <summary>The requantized average: clamp(round-half-even(sum · ratio / count) + zeroPoint) in T's range; 0 taps give the zero point.</summary>
    internal static T Average<T>(long sum, double ratio, long count, T zeroPoint)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        double value = count == 0 ? 0 : Math.Round(sum * ratio / count, MidpointRounding.ToEven);
        double shifted = value + double.CreateTruncating(zeroPoint);
        return T.CreateSaturating(Math.Clamp(shifted, double.CreateTruncating(T.MinValue), double.CreateTruncating(T.MaxValue)));
    }

    private static double Ratio(float inputScale, float outputScale)
    {
        if (!(float.IsFinite(inputScale) && inputScale > 0) || !(float.IsFinite(outputScale) && outputScale > 0))
        {
            throw new ArgumentException("Scales must be positive and finite.", nameof(inputScale));
        }

        return (double)inputScale / outputScale;
    }

    private static void ValidateLengths<T>(ReadOnlySpan<T> input, Span<T> output, int batch, QPoolShape shape)
    {
        int inputLength = input.Length;
        int outputLength = output.Length;
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if ((long)batch * shape.InputSize != inputLength)
        {
            throw new ArgumentException($"Input holds {inputLength} values but batch x C x H x W = {batch} x {shape.Channels} x {shape.Height} x {shape.Width}.", nameof(input));
        }

        if ((long)batch * shape.OutputSize != outputLength)
        {
            throw new ArgumentException(
                $"Output holds {outputLength} values but batch x C x OH x OW = {batch} x {shape.Channels} x {shape.OutputHeight} x {shape.OutputWidth}.", nameof(output));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPoolCore<T>(ReadOnlySpan<T> input, int batch, QPoolShape shape, Span<T> output)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        ValidateLengths(input, output, batch, shape);
        int plane = shape.Height * shape.Width;
        int index = 0;
        for (int c = 0; c < batch * shape.Channels; c++)
        {
            ReadOnlySpan<T> x = input.Slice(c * plane, plane);
            for (int oh = 0; oh < shape.OutputHeight; oh++)
            {
                for (int ow = 0; ow < shape.OutputWidth; ow++)
                {
                    T max = T.MinValue; // an empty window (only padding) gives the lowest value, as ONNX Runtime does
                    int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
                    int iw0 = (ow * shape.StrideWidth) - shape.PadLeft;
                    for (int kh = 0; kh < shape.KernelHeight; kh++)
                    {
                        int ih = ih0 + (kh * shape.DilationHeight);
                        if ((uint)ih >= (uint)shape.Height)
                        {
                            continue;
                        }

                        ReadOnlySpan<T> row = x.Slice(ih * shape.Width, shape.Width);
                        for (int kw = 0; kw < shape.KernelWidth; kw++)
                        {
                            int iw = iw0 + (kw * shape.DilationWidth);
                            if ((uint)iw < (uint)row.Length)
                            {
                                max = T.Max(max, row[iw]);
                            }
                        }
                    }

                    output[index++] = max;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AveragePoolCore<T>(
        ReadOnlySpan<T> input, int batch, QPoolShape shape, bool countIncludePad, double ratio, T inputZeroPoint, T outputZeroPoint, Span<T> output)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        ValidateLengths(input, output, batch, shape);
        int plane = shape.Height * shape.Width;
        int zeroPoint = int.CreateTruncating(inputZeroPoint);
        int window = shape.KernelHeight * shape.KernelWidth;
        int index = 0;
        for (int c = 0; c < batch * shape.Channels; c++)
        {
            ReadOnlySpan<T> x = input.Slice(c * plane, plane);
            for (int oh = 0; oh < shape.OutputHeight; oh++)
            {
                for (int ow = 0; ow < shape.OutputWidth; ow++)
                {
                    long sum = 0;
                    int taps = 0;
                    int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
                    int iw0 = (ow * shape.StrideWidth) - shape.PadLeft;
                    for (int kh = 0; kh < shape.KernelHeight; kh++)
                    {
                        int ih = ih0 + (kh * shape.DilationHeight);
                        if ((uint)ih >= (uint)shape.Height)
                        {
                            continue;
                        }

                        ReadOnlySpan<T> row = x.Slice(ih * shape.Width, shape.Width);
                        for (int kw = 0; kw < shape.KernelWidth; kw++)
                        {
                            int iw = iw0 + (kw * shape.DilationWidth);
                            if ((uint)iw < (uint)row.Length)
                            {
                                sum += int.CreateTruncating(row[iw]) - zeroPoint;
                                taps++;
                            }
                        }
                    }

                    // With ceil_mode = 0 every window lies inside the padded input, so count_include_pad = 1 divides by kH · kW.
                    output[index++] = Average(sum, ratio, countIncludePad ? window : taps, outputZeroPoint);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GlobalAveragePoolCore<T>(
        ReadOnlySpan<T> input, int batch, int channels, int spatialSize, double ratio, T inputZeroPoint, T outputZeroPoint, Span<T> output)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spatialSize, 1);
        if ((long)batch * channels * spatialSize != input.Length)
        {
            throw new ArgumentException($"Input holds {input.Length} values but batch x C x spatial = {batch} x {channels} x {spatialSize}.", nameof(input));
        }

        if ((long)batch * channels != output.Length)
        {
            throw new ArgumentException($"Output holds {output.Length} values but batch x C = {batch} x {channels}.", nameof(output));
        }

        int zeroPoint = int.CreateTruncating(inputZeroPoint);
        for (int c = 0; c < output.Length; c++)
        {
            long sum = 0;
            foreach (T value in input.Slice(c * spatialSize, spatialSize))
            {
                sum += int.CreateTruncating(value);
            }

            output[c] = Average(sum - ((long)zeroPoint * spatialSize), ratio, spatialSize, outputZeroPoint);
        }
    }
}
