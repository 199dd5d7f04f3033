namespace EdgeAi.Models.Quantization;

/// <summary>How an activation's range is taken from the values seen on the calibration set.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen.</summary>
    MinMax,

    /// <summary>
    /// The <see cref="QuantizerOptions.Percentile"/> of a histogram of the values at each end (clips rare outliers so
    /// the common values get finer steps).
    /// </summary>
    Percentile,
}
