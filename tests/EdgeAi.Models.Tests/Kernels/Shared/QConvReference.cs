using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// ONNX QLinearConv written as plainly as possible: for every image, output channel m and output pixel,
/// Σ over (c, kh, kw) of (x - x_zero_point) · (w - w_zero_point[m]) + B[m] in wrapping int32, where a tap outside the
/// input reads x_zero_point; then requantized per output channel.
/// </summary>
public static class QConvReference
{
    public static int[] Accumulators(QConvCase c)
    {
        QConvShape s = c.Shape;
        int cg = s.Channels / s.Group;
        int mg = s.OutputChannels / s.Group;
        var result = new int[c.Batch * s.OutputChannels * s.OutputHeight * s.OutputWidth];
        int index = 0;
        for (int n = 0; n < c.Batch; n++)
        {
            for (int m = 0; m < s.OutputChannels; m++)
            {
                int g = m / mg;
                int wZero = c.WeightZeroPoints.Length == 1 ? c.WeightZeroPoints[0] : c.WeightZeroPoints[m];
                for (int oh = 0; oh < s.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < s.OutputWidth; ow++)
                    {
                        int sum = c.Bias.Length == 0 ? 0 : c.Bias[m];
                        for (int ic = 0; ic < cg; ic++)
                        {
                            for (int kh = 0; kh < s.KernelHeight; kh++)
                            {
                                for (int kw = 0; kw < s.KernelWidth; kw++)
                                {
                                    int ih = (oh * s.StrideHeight) - s.PadTop + (kh * s.DilationHeight);
                                    int iw = (ow * s.StrideWidth) - s.PadLeft + (kw * s.DilationWidth);
                                    bool inside = ih >= 0 && ih < s.Height && iw >= 0 && iw < s.Width;
                                    int x = inside
                                        ? c.Input[(((((n * s.Channels) + (g * cg) + ic) * s.Height) + ih) * s.Width) + iw]
                                        : c.InputZeroPoint;
                                    int w = c.Weights[(((((m * cg) + ic) * s.KernelHeight) + kh) * s.KernelWidth) + kw];
                                    sum = unchecked(sum + ((x - c.InputZeroPoint) * (w - wZero)));
                                }
                            }
                        }

                        result[index++] = sum;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The accumulators requantized channel by channel (NCHW order: channel = (i / plane) mod M).</summary>
    public static int[] Requantize(int[] accumulators, QConvShape shape, Requantization requantization)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        var result = new int[accumulators.Length];
        for (int i = 0; i < accumulators.Length; i++)
        {
            result[i] = requantization.Apply(accumulators[i], i / plane % shape.OutputChannels);
        }

        return result;
    }
}
