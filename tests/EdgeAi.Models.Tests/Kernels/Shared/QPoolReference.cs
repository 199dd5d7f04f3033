using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// ONNX MaxPool and ONNX Runtime's QLinearAveragePool / QLinearGlobalAveragePool written plainly over int values:
/// every window enumerated tap by tap, padding taps skipped for max and for count_include_pad = 0; averages
/// requantized as round-half-even(Σ (x - x_zero_point) · (x_scale / y_scale) / count) + y_zero_point, clamped.
/// </summary>
public static class QPoolReference
{
    public static int[] MaxPool(int[] input, int batch, QPoolShape s, int lowest) =>
        Pool(input, batch, s, taps => taps.Count == 0 ? lowest : taps.Max());

    public static int[] AveragePool(int[] input, int batch, QPoolShape s, bool countIncludePad, double ratio, int inputZero, int outputZero, int min, int max) =>
        Pool(input, batch, s, taps =>
        {
            long sum = taps.Sum(x => (long)(x - inputZero));
            int count = countIncludePad ? s.KernelHeight * s.KernelWidth : taps.Count;
            return Requantize(sum, count, ratio, outputZero, min, max);
        });

    public static int[] GlobalAveragePool(int[] input, int batch, int channels, int spatial, double ratio, int inputZero, int outputZero, int min, int max)
    {
        var result = new int[batch * channels];
        for (int i = 0; i < result.Length; i++)
        {
            long sum = 0;
            for (int j = 0; j < spatial; j++)
            {
                sum += input[(i * spatial) + j] - inputZero;
            }

            result[i] = Requantize(sum, spatial, ratio, outputZero, min, max);
        }

        return result;
    }

    private static int Requantize(long sum, int count, double ratio, int outputZero, int min, int max) =>
        count == 0 ? outputZero : (int)Math.Clamp(Math.Round(sum * ratio / count, MidpointRounding.ToEven) + outputZero, min, max);

    private static int[] Pool(int[] input, int batch, QPoolShape s, Func<List<int>, int> reduce)
    {
        var result = new int[batch * s.Channels * s.OutputHeight * s.OutputWidth];
        int index = 0;
        var taps = new List<int>();
        for (int plane = 0; plane < batch * s.Channels; plane++)
        {
            for (int oh = 0; oh < s.OutputHeight; oh++)
            {
                for (int ow = 0; ow < s.OutputWidth; ow++)
                {
                    taps.Clear();
                    for (int kh = 0; kh < s.KernelHeight; kh++)
                    {
                        for (int kw = 0; kw < s.KernelWidth; kw++)
                        {
                            int ih = (oh * s.StrideHeight) - s.PadTop + (kh * s.DilationHeight);
                            int iw = (ow * s.StrideWidth) - s.PadLeft + (kw * s.DilationWidth);
                            if (ih >= 0 && ih < s.Height && iw >= 0 && iw < s.Width)
                            {
                                taps.Add(input[(((plane * s.Height) + ih) * s.Width) + iw]);
                            }
                        }
                    }

                    result[index++] = reduce(taps);
                }
            }
        }

        return result;
    }
}
