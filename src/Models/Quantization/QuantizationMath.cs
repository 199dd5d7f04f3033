namespace EdgeAi.Models.Quantization;

/// <summary>
/// The arithmetic of ONNX QuantizeLinear (y = saturate(round(x / scale) + zero_point), rounding half to even;
/// onnx/docs/Operators.md, QuantizeLinear-13) as the quantizer applies it to activations, weights and biases.
/// </summary>
internal static class QuantizationMath
{
    /// <summary>Largest magnitude of a symmetric int8 weight: -128 is left out so the range is symmetric.</summary>
    public const int WeightLimit = 127;

    /// <summary>Scale of an all-zero weight channel: any positive value quantizes it to zeros exactly.</summary>
    public const float ZeroChannelScale = 1e-8f;

    /// <summary>uint8 asymmetric parameters for [min, max] widened to include 0, so 0 is exact (zero padding, ReLU).</summary>
    public static (float Scale, byte ZeroPoint) UInt8Asymmetric(float min, float max)
    {
        float low = MathF.Min(min, 0), high = MathF.Max(max, 0);
        if (high == low)
        {
            return (1f, 0);
        }

        float scale = (high - low) / 255f;
        double zeroPoint = Math.Round(-low / (double)scale, MidpointRounding.ToEven);
        return (scale, (byte)Math.Clamp(zeroPoint, 0, 255));
    }

    /// <summary>Largest int32 bias magnitude the quantizer emits: 2^30 leaves headroom for the accumulator it is added to.</summary>
    public const double BiasLimit = 1 << 30;

    /// <summary>
    /// Per-channel symmetric int8 (zero point 0) along <paramref name="axis"/> of a tensor with <paramref name="dims"/>:
    /// scale[c] = max|w| / 127, q = clamp(round(w / scale[c]), -127, 127). A channel's scale is raised to
    /// <paramref name="minimumScales"/>[c] when given (so its int32 bias fits, see <see cref="BiasScaleFloor"/>); an
    /// all-zero channel without a floor gets <see cref="ZeroChannelScale"/>.
    /// </summary>
    public static float[] Int8PerChannel(
        ReadOnlySpan<float> weights, IReadOnlyList<long> dims, int axis, Span<sbyte> quantized, ReadOnlySpan<float> minimumScales = default)
    {
        int channels = checked((int)dims[axis]);
        long inner = 1;
        for (int d = axis + 1; d < dims.Count; d++)
        {
            inner *= dims[d];
        }

        var scales = new float[channels];
        for (int i = 0; i < weights.Length; i++)
        {
            int c = (int)(i / inner % channels);
            scales[c] = MathF.Max(scales[c], MathF.Abs(weights[i]));
        }

        for (int c = 0; c < channels; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / WeightLimit : ZeroChannelScale;
            if (!minimumScales.IsEmpty)
            {
                scales[c] = MathF.Max(scales[c], minimumScales[c]);
            }
        }

        for (int i = 0; i < weights.Length; i++)
        {
            int c = (int)(i / inner % channels);
            double q = Math.Round(weights[i] / (double)scales[c], MidpointRounding.ToEven);
            quantized[i] = (sbyte)Math.Clamp(q, -WeightLimit, WeightLimit);
        }

        return scales;
    }

    /// <summary>
    /// The smallest weight scale per channel for which |bias[c]| / (x_scale · w_scale[c]) stays within
    /// <see cref="BiasLimit"/>. Far below max|w| / 127 for any trained channel; it matters for an all-zero weight
    /// channel with a bias, whose scale is otherwise free.
    /// </summary>
    public static float[] BiasScaleFloor(ReadOnlySpan<float> bias, float inputScale)
    {
        var floors = new float[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            floors[c] = (float)(Math.Abs(bias[c]) / (inputScale * BiasLimit));
        }

        return floors;
    }

    /// <summary>int32 bias with scale x_scale · w_scale[c] and zero point 0; returns the bias scales.</summary>
    public static float[] Int32Bias(ReadOnlySpan<float> bias, float inputScale, ReadOnlySpan<float> weightScales, Span<int> quantized)
    {
        var scales = new float[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            float scale = scales[c] = inputScale * weightScales[weightScales.Length == 1 ? 0 : c];
            double q = Math.Round(bias[c] / (double)scale, MidpointRounding.ToEven);
            quantized[c] = (int)Math.Clamp(q, int.MinValue, int.MaxValue);
        }

        return scales;
    }
}
