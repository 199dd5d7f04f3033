using System.Globalization;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Quantization;

/// <summary>
/// Samples for calibrating a quantizer, split into a calibration part (the first lines) and a hold-out part (the
/// last lines) on which float and int8 are compared.
/// <para>
/// CSV format (<see cref="ReadCsv"/>, <see cref="ParseCsv"/>): one sample per line, comma-separated floats in the
/// invariant culture (<c>.</c> decimal point, e.g. <c>-0.25,1e-3</c>) that are the input tensor flattened in
/// row-major order; the input's shape is the model's first graph input with batch 1, and every line must hold
/// exactly that many values. An optional first line is a header of column names (it is a header when its first
/// field is not a number); a column named <c>label</c> (any case) then holds each sample's integer class
/// (0, 1, ...) and is not part of the input. Blank lines are skipped. NaN, infinities, ragged rows, a bad label or
/// an empty file are errors that name the line (1-based).
/// </para>
/// </summary>
public sealed class CalibrationData
{
    private readonly float[] _inputs;
    private readonly int[]? _labels;

    private CalibrationData(float[] inputs, int[]? labels, int[] sampleShape, int holdoutCount)
    {
        _inputs = inputs;
        _labels = labels;
        SampleShape = sampleShape;
        SampleSize = sampleShape.Aggregate(1, (a, b) => checked(a * b));
        int count = inputs.Length / SampleSize;
        HoldoutCount = holdoutCount;
        CalibrationCount = count - holdoutCount;
    }

    /// <summary>The input shape of one sample (the model input with the batch dimension removed).</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>Floats per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Samples used to calibrate.</summary>
    public int CalibrationCount { get; }

    /// <summary>Samples held out for the float vs int8 comparison.</summary>
    public int HoldoutCount { get; }

    /// <summary>Whether every sample has a class label.</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>Calibration samples, flattened.</summary>
    public ReadOnlySpan<float> CalibrationInputs => _inputs.AsSpan(0, CalibrationCount * SampleSize);

    /// <summary>Hold-out samples, flattened.</summary>
    public ReadOnlySpan<float> HoldoutInputs => _inputs.AsSpan(CalibrationCount * SampleSize);

    /// <summary>Calibration labels (empty without labels); the training part when the same file trains a model.</summary>
    public ReadOnlySpan<int> CalibrationLabels => _labels is null ? [] : _labels.AsSpan(0, CalibrationCount);

    /// <summary>Hold-out labels (empty without labels).</summary>
    public ReadOnlySpan<int> HoldoutLabels => _labels is null ? [] : _labels.AsSpan(CalibrationCount);

    /// <summary>The per-sample input shape of <paramref name="model"/>'s first graph input: its dimensions after the batch.</summary>
    /// <exception cref="InvalidDataException">The model has no float input, or a symbolic dimension after the batch.</exception>
    public static int[] SampleShapeOf(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValueInfoProto input = ModelQuantizer.DataInput(model);
        var dims = input.Type.TensorType.Shape?.Dim ?? throw new InvalidDataException($"Input '{input.Name}' has no shape.");
        if (dims.Count < 1)
        {
            throw new InvalidDataException($"Input '{input.Name}' is a scalar; expected a batch dimension first.");
        }

        if (dims[0].HasDimValue && dims[0].DimValue != 1)
        {
            throw new InvalidDataException($"Input '{input.Name}' has a fixed batch of {dims[0].DimValue}; calibration needs batch 1 or a symbolic batch.");
        }

        var shape = new int[dims.Count - 1];
        for (int i = 1; i < dims.Count; i++)
        {
            if (!dims[i].HasDimValue || dims[i].DimValue < 1)
            {
                throw new InvalidDataException($"Input '{input.Name}' dimension {i} is symbolic; calibration needs a fixed sample shape.");
            }

            shape[i - 1] = checked((int)dims[i].DimValue);
        }

        return shape;
    }

    /// <summary>Reads a CSV file (format in the type's remarks) for <paramref name="model"/>'s input.</summary>
    /// <exception cref="InvalidDataException">The file is empty or a line is bad; the message names the file and line.</exception>
    public static CalibrationData ReadCsv(string path, ModelProto model, double holdoutFraction = 0.2)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int[] shape = SampleShapeOf(model);
        using var reader = new StreamReader(path);
        return ParseCsv(reader, shape, holdoutFraction, path);
    }

    /// <summary>Parses CSV text (format in the type's remarks) of samples with <paramref name="sampleShape"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdoutFraction"/> is outside [0, 1).</exception>
    /// <exception cref="InvalidDataException">No samples, or a bad line (named as <paramref name="source"/>:line).</exception>
    public static CalibrationData ParseCsv(TextReader reader, IReadOnlyList<int> sampleShape, double holdoutFraction = 0.2, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sampleShape);
        int[] shape = [.. sampleShape];
        int size = shape.Aggregate(1, (a, b) => checked(a * b));
        var inputs = new List<float>();
        var labels = new List<int>();
        int labelColumn = -1;
        int lineNumber = 0;
        bool first = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (first)
            {
                first = false;
                if (!float.TryParse(fields[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    labelColumn = Array.FindIndex(fields, f => string.Equals(f.Trim(), "label", StringComparison.OrdinalIgnoreCase));
                    continue;
                }
            }

            int features = fields.Length - (labelColumn >= 0 ? 1 : 0);
            if (features != size)
            {
                throw new InvalidDataException(
                    $"{source}:{lineNumber}: {features} input values, but the model input [{string.Join(", ", shape)}] needs {size} per line.");
            }

            for (int column = 0; column < fields.Length; column++)
            {
                string field = fields[column].Trim();
                if (column == labelColumn)
                {
                    if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0)
                    {
                        throw new InvalidDataException($"{source}:{lineNumber}: label '{field}' is not a class number (0, 1, ...).");
                    }

                    labels.Add(label);
                    continue;
                }

                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new InvalidDataException($"{source}:{lineNumber}, column {column + 1}: '{field}' is not a finite number.");
                }

                inputs.Add(value);
            }
        }

        return FromSamples([.. inputs], labelColumn >= 0 ? [.. labels] : null, shape, holdoutFraction, source);
    }

    /// <summary>Wraps samples already in memory; the last <paramref name="holdoutFraction"/> of them are held out.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdoutFraction"/> is outside [0, 1).</exception>
    /// <exception cref="InvalidDataException">No samples, sizes that do not match, non-finite values, or nothing left to calibrate on.</exception>
    public static CalibrationData FromSamples(float[] inputs, int[]? labels, IReadOnlyList<int> sampleShape, double holdoutFraction = 0.2, string source = "samples")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (!(holdoutFraction is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "The hold-out fraction must be in [0, 1).");
        }

        int[] shape = [.. sampleShape];
        int size = shape.Aggregate(1, (a, b) => checked(a * b));
        if (inputs.Length == 0)
        {
            throw new InvalidDataException($"{source}: no samples.");
        }

        if (inputs.Length % size != 0 || (labels is not null && labels.Length != inputs.Length / size))
        {
            throw new InvalidDataException($"{source}: {inputs.Length} values and {labels?.Length ?? 0} labels are not whole samples of {size}.");
        }

        int bad = Array.FindIndex(inputs, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new InvalidDataException($"{source}: sample {bad / size} holds {inputs[bad]}.");
        }

        int count = inputs.Length / size;
        int holdout = (int)(count * holdoutFraction);
        if (count - holdout < 1)
        {
            throw new InvalidDataException($"{source}: {count} samples leave none to calibrate on with a hold-out fraction of {holdoutFraction}.");
        }

        return new CalibrationData(inputs, labels, shape, holdout);
    }
}
