using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Quantization;

/// <summary>
/// Collects each planned activation's range over the calibration samples by running the float model in ONNX
/// Runtime with those activations added as extra graph outputs: one pass for min/max, and for the percentile
/// method a second pass filling a histogram over [min, max] per activation.
/// </summary>
internal static class ActivationCalibrator
{
    public static Dictionary<string, ActivationRange> Calibrate(
        ModelProto floatModel, IReadOnlyList<string> activations, CalibrationData data, QuantizerOptions options, Action<double> progress)
    {
        ModelProto augmented = floatModel.Clone();
        var outputIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < augmented.Graph.Output.Count; i++)
        {
            outputIndex[augmented.Graph.Output[i].Name] = i;
        }

        // A graph input's values are the samples themselves (ONNX Runtime would hand an input listed as an output
        // back as its own value, not through a bound output buffer).
        string dataInput = ModelQuantizer.DataInput(floatModel).Name;
        foreach (string name in activations.Where(a => a != dataInput))
        {
            if (!outputIndex.ContainsKey(name))
            {
                outputIndex[name] = augmented.Graph.Output.Count;
                augmented.Graph.Output.Add(new ValueInfoProto
                {
                    Name = name,
                    Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } },
                });
            }
        }

        int passes = options.Method == CalibrationMethod.Percentile ? 2 : 1;
        int count = data.CalibrationCount;
        var min = activations.ToDictionary(a => a, _ => float.PositiveInfinity, StringComparer.Ordinal);
        var max = activations.ToDictionary(a => a, _ => float.NegativeInfinity, StringComparer.Ordinal);
        using var runner = new BatchedOnnxRunner(augmented, [.. data.SampleShape], options.BatchSize);
        runner.Run(
            data.CalibrationInputs,
            (outputs, _) =>
            {
                foreach (string name in activations.Where(a => a != dataInput))
                {
                    Span<float> values = outputs[outputIndex[name]].AsSpan<float>();
                    min[name] = MathF.Min(min[name], System.Numerics.Tensors.TensorPrimitives.Min(values));
                    max[name] = MathF.Max(max[name], System.Numerics.Tensors.TensorPrimitives.Max(values));
                }
            },
            done => progress(done / (double)count / passes));

        if (min.ContainsKey(dataInput))
        {
            min[dataInput] = System.Numerics.Tensors.TensorPrimitives.Min(data.CalibrationInputs);
            max[dataInput] = System.Numerics.Tensors.TensorPrimitives.Max(data.CalibrationInputs);
        }

        var low = new Dictionary<string, float>(min, StringComparer.Ordinal);
        var high = new Dictionary<string, float>(max, StringComparer.Ordinal);
        if (options.Method == CalibrationMethod.Percentile)
        {
            var histograms = activations.ToDictionary(a => a, _ => new long[options.HistogramBins], StringComparer.Ordinal);
            runner.Run(
                data.CalibrationInputs,
                (outputs, _) =>
                {
                    foreach (string name in activations.Where(a => a != dataInput))
                    {
                        Fill(histograms[name], outputs[outputIndex[name]].AsSpan<float>(), min[name], max[name]);
                    }
                },
                done => progress((1 + (done / (double)count)) / passes));
            if (histograms.TryGetValue(dataInput, out long[]? inputHistogram))
            {
                Fill(inputHistogram, data.CalibrationInputs, min[dataInput], max[dataInput]);
            }

            foreach (string name in activations)
            {
                (low[name], high[name]) = PercentileRange(histograms[name], min[name], max[name], options.Percentile);
            }
        }

        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        foreach (string name in activations)
        {
            (float scale, byte zeroPoint) = QuantizationMath.UInt8Asymmetric(low[name], high[name]);
            ranges[name] = new ActivationRange(name, min[name], max[name], MathF.Min(low[name], 0), MathF.Max(high[name], 0), scale, zeroPoint);
        }

        return ranges;
    }

    private static void Fill(long[] histogram, ReadOnlySpan<float> values, float min, float max)
    {
        int bins = histogram.Length;
        float width = (max - min) / bins;
        foreach (float v in values)
        {
            int bin = width > 0 ? (int)((v - min) / width) : 0;
            histogram[Math.Clamp(bin, 0, bins - 1)]++;
        }
    }

    /// <summary>
    /// The bin edges between which <paramref name="percentile"/> percent of the values lie at each end: the lower edge
    /// leaves (100 − p)% below it, the upper edge (100 − p)% above it.
    /// </summary>
    private static (float Low, float High) PercentileRange(long[] histogram, float min, float max, double percentile)
    {
        long total = histogram.Sum();
        if (total == 0 || max <= min)
        {
            return (min, max);
        }

        double tail = total * (100 - percentile) / 100;
        float width = (max - min) / histogram.Length;
        int lowBin = 0;
        long cumulative = 0;
        for (; lowBin < histogram.Length - 1; lowBin++)
        {
            if (cumulative + histogram[lowBin] > tail)
            {
                break;
            }

            cumulative += histogram[lowBin];
        }

        int highBin = histogram.Length - 1;
        cumulative = 0;
        for (; highBin > 0; highBin--)
        {
            if (cumulative + histogram[highBin] > tail)
            {
                break;
            }

            cumulative += histogram[highBin];
        }

        return (min + (lowBin * width), highBin == histogram.Length - 1 ? max : min + ((highBin + 1) * width));
    }
}
