namespace EdgeAi.Models.Quantization;

/// <summary>Settings of <see cref="ModelQuantizer.Quantize"/>.</summary>
public sealed class QuantizerOptions
{
    /// <summary>How activation ranges are calibrated (default <see cref="CalibrationMethod.MinMax"/>).</summary>
    public CalibrationMethod Method { get; set; } = CalibrationMethod.MinMax;

    /// <summary>For <see cref="CalibrationMethod.Percentile"/>: the share of values (in percent) kept inside the range at each end.</summary>
    public double Percentile { get; set; } = 99.99;

    /// <summary>Histogram bins per activation for <see cref="CalibrationMethod.Percentile"/>.</summary>
    public int HistogramBins { get; set; } = 2048;

    /// <summary>Samples per ONNX Runtime run during calibration and evaluation.</summary>
    public int BatchSize { get; set; } = 64;

    internal void Validate()
    {
        if (!(Percentile is > 50 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(Percentile), Percentile, "The percentile must be in (50, 100].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(HistogramBins, 16, nameof(HistogramBins));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
