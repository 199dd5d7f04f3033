using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Quantization;
using EdgeAi.Models.Runtime;
using EdgeAi.Models.Training;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary><c>edgeai model train</c> and <c>edgeai model quantize</c>.</summary>
internal static class ModelTrainingCommands
{
    public static Command Train()
    {
        var data = new Option<FileInfo>("--data") { Description = "Training data: CSV, one sample per line (the flattened input), with a 'label' column (0, 1, ...), e.g. from 'edgeai simulate --record'.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the float ONNX model.", Required = true };
        var shape = new Option<string>("--input-shape") { Description = "Shape of one sample without the batch: '48' for a dense network, 'channels,length' (e.g. '4,12') for 1-D convolutions.", Required = true };
        var layers = new Option<string>("--layers")
        {
            Description = "Layers, comma-separated: dense:UNITS, conv:FILTERS:KERNEL[:valid], relu, maxpool:SIZE, gap (global average pool), flatten. The last layer's outputs are the classes.",
            Required = true,
        };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data (default 30).", DefaultValueFactory = _ => 30 };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size (default 32).", DefaultValueFactory = _ => 32 };
        var rate = new Option<float>("--learning-rate") { Description = "Adam's learning rate (default 0.001).", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling (default 1).", DefaultValueFactory = _ => 1 };
        var holdout = new Option<double>("--holdout") { Description = "Fraction of the data, from the end, held out to measure accuracy (default 0.2).", DefaultValueFactory = _ => 0.2 };
        var command = new Command("train", "Train a small classifier (dense and 1-D convolution layers, Adam, softmax cross-entropy) and write it as float ONNX, inputs standardized inside the model.")
        {
            data, output, shape, layers, epochs, batch, rate, seed, holdout,
        };
        command.SetAction(result => ModelCommand.Guard(result, () =>
        {
            var error = result.InvocationConfiguration.Error;
            var sampleShape = ParseShape(result.GetValue(shape)!);
            var parsedLayers = ParseLayers(result.GetValue(layers)!);
            var fraction = result.GetValue(holdout);
            if (!(fraction is >= 0 and < 1))
            {
                throw new ArgumentException("--holdout must be in [0, 1).");
            }

            CalibrationData set;
            using (var reader = new StreamReader(result.GetValue(data)!.FullName))
            {
                set = CalibrationData.ParseCsv(reader, sampleShape, fraction, result.GetValue(data)!.Name);
            }

            if (!set.HasLabels)
            {
                throw new InvalidDataException("The training data needs a 'label' column.");
            }

            var inputs = set.CalibrationInputs.ToArray();
            var labels = set.CalibrationLabels.ToArray();
            var (mean, invStd) = Standardization(inputs, set.SampleSize);
            var standardized = (float[])inputs.Clone();
            Apply(standardized, mean, invStd);
            var model = new SequentialModel(sampleShape, parsedLayers, LossFunction.SoftmaxCrossEntropy, result.GetValue(seed));
            if (labels.Length > 0 && labels.Max() >= model.OutputSize)
            {
                throw new InvalidDataException($"The data has class {labels.Max()} but the last layer gives {model.OutputSize} outputs.");
            }

            var history = model.Fit(
                standardized, labels,
                new TrainingOptions { Epochs = result.GetValue(epochs), BatchSize = result.GetValue(batch), LearningRate = result.GetValue(rate) },
                new ProgressBar(error, "training"));
            var held = set.HoldoutInputs.ToArray();
            Apply(held, mean, invStd);
            var onnx = model.ExportOnnx(Path.GetFileNameWithoutExtension(result.GetValue(output)!.Name));
            InputStandardization.Prepend(onnx, mean, invStd);
            var golden = set.HoldoutCount > 0 ? set.HoldoutInputs[..set.SampleSize].ToArray() : inputs[..set.SampleSize];
            var sha = WriteWithGolden(onnx, golden, result.GetValue(output)!.FullName);

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"samples:   {set.CalibrationCount} training, {set.HoldoutCount} held out");
            text.AppendLine(CultureInfo.InvariantCulture, $"loss:      {history.EpochLosses[0]:F4} -> {history.EpochLosses[^1]:F4} over {history.EpochLosses.Count} epochs");
            text.AppendLine(CultureInfo.InvariantCulture, $"accuracy:  training {model.Accuracy(standardized, labels):P1}{(set.HoldoutCount > 0 ? $", held out {model.Accuracy(held, set.HoldoutLabels):P1}" : string.Empty)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"model:     {result.GetValue(output)!.FullName}");
            text.AppendLine(CultureInfo.InvariantCulture, $"sha256:    {sha}");
            result.InvocationConfiguration.Output.Write(text.ToString());
            return 0;
        }));
        return command;
    }

    public static Command Quantize()
    {
        var input = new Argument<FileInfo>("IN") { Description = "The float ONNX model." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write the int8 (QDQ) model." };
        var calibration = new Option<FileInfo>("--calibration") { Description = "Calibration data: CSV, one sample per line (the flattened input), optional 'label' column.", Required = true };
        var method = new Option<string>("--method") { Description = "Activation ranges from minmax (default) or percentile.", DefaultValueFactory = _ => "minmax" };
        var percentile = new Option<double>("--percentile") { Description = "Percentile for --method percentile (default 99.99).", DefaultValueFactory = _ => 99.99 };
        var holdout = new Option<double>("--holdout") { Description = "Fraction of the data, from the end, held out to compare float and int8 (default 0.2).", DefaultValueFactory = _ => 0.2 };
        var command = new Command("quantize", "Post-training static quantization to int8 QDQ (per-channel int8 weights, uint8 activations), with a float vs int8 report on held-out data.")
        {
            input, output, calibration, method, percentile, holdout,
        };
        command.SetAction(result => ModelCommand.Guard(result, () =>
        {
            var source = ModelFile.Read(result.GetValue(input)!.FullName, null);
            var options = new QuantizerOptions
            {
                Method = result.GetValue(method) switch
                {
                    "minmax" => CalibrationMethod.MinMax,
                    "percentile" => CalibrationMethod.Percentile,
                    var other => throw new ArgumentException($"--method must be minmax or percentile (got '{other}')."),
                },
                Percentile = result.GetValue(percentile),
            };
            var data = CalibrationData.ReadCsv(result.GetValue(calibration)!.FullName, source.Model, result.GetValue(holdout));
            var quantized = ModelQuantizer.Quantize(source.Model, data, options, new ProgressBar(result.InvocationConfiguration.Error, "calibrating"));
            var report = quantized.Report;
            var golden = data.HoldoutCount > 0 ? data.HoldoutInputs[..data.SampleSize].ToArray() : data.CalibrationInputs[..data.SampleSize].ToArray();
            var sha = WriteWithGolden(quantized.Model, golden, result.GetValue(output)!.FullName);

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"calibration: {report.CalibrationSamples} samples ({result.GetValue(method)}), {report.HoldoutSamples} held out");
            text.AppendLine(CultureInfo.InvariantCulture, $"quantized:   {report.QuantizedNodes.Count} nodes ({string.Join(", ", report.QuantizedNodes)}); left in float: {(report.FloatNodes.Count == 0 ? "none" : string.Join(", ", report.FloatNodes))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"error:       max |float - int8| {report.MaxAbsoluteError:G4}, mean {report.MeanAbsoluteError:G4} on the held-out outputs");
            if (report.FloatAccuracy is { } f && report.QuantizedAccuracy is { } q)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"accuracy:    float {f:P1}, int8 {q:P1} on the held-out samples");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"model:       {result.GetValue(output)!.FullName}");
            text.AppendLine(CultureInfo.InvariantCulture, $"sha256:      {sha}");
            result.InvocationConfiguration.Output.Write(text.ToString());
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="goldenInput"/> through the model, stores it and the output as the model's golden record,
    /// and writes the file. The output is ONNX Runtime's; when the native engine runs the model too, the tolerance
    /// covers twice the difference measured between the engines on this very input (kernel sets are bit-exact, so a
    /// node differs from the record by at most that), and never less than 1e-4 for float rounding.
    /// </summary>
    private static string WriteWithGolden(ModelProto model, float[] goldenInput, string path)
    {
        var bytes = OnnxModelWriter.ToBytes(model);
        float[] expected;
        var (ort, _) = ModelRunnerFactory.Create(bytes, model, "onnxruntime", new ModelRunnerOptions());
        using (ort)
        {
            goldenInput.CopyTo(ort.Inputs[0].AsSpan<float>());
            ort.Run();
            expected = ort.Outputs[0].AsSpan<float>().ToArray();
        }

        double difference = 0;
        if (Models.Engine.NativeSupport.Check(model).IsSupported)
        {
            var (native, _) = ModelRunnerFactory.Create(bytes, model, "native", new ModelRunnerOptions());
            using (native)
            {
                goldenInput.CopyTo(native.Inputs[0].AsSpan<float>());
                native.Run();
                var actual = native.Outputs[0].AsSpan<float>();
                for (int i = 0; i < expected.Length; i++)
                {
                    difference = Math.Max(difference, Math.Abs(actual[i] - expected[i]));
                }
            }
        }

        new ModelGolden(goldenInput, expected, (float)Math.Max(1e-4, 2 * difference)).WriteTo(model);
        return OnnxModelWriter.WriteFile(model, path);
    }

    private static int[] ParseShape(string text)
    {
        try
        {
            var dims = text.Split(',').Select(d => int.Parse(d.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            return dims.Length is >= 1 and <= 2 && dims.All(d => d > 0) ? dims : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"--input-shape must be 'N' or 'channels,length' with positive integers (got '{text}').", e);
        }
    }

    private static List<Layer> ParseLayers(string text)
    {
        var layers = new List<Layer>();
        foreach (var token in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(':');
            int Arg(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ArgumentException($"--layers: '{token}' needs a positive integer as argument {i}.");
            layers.Add(parts[0] switch
            {
                "dense" when parts.Length == 2 => new DenseLayer(Arg(1)),
                "conv" when parts.Length is 3 or 4 => new Conv1DLayer(Arg(1), Arg(2), parts.Length == 4 && parts[3] == "valid" ? Conv1DPadding.Valid
                    : parts.Length == 4 && parts[3] != "same" ? throw new ArgumentException($"--layers: padding of '{token}' must be same or valid.") : Conv1DPadding.Same),
                "relu" when parts.Length == 1 => new ReluLayer(),
                "maxpool" when parts.Length == 2 => new MaxPool1DLayer(Arg(1)),
                "gap" when parts.Length == 1 => new GlobalAveragePool1DLayer(),
                "flatten" when parts.Length == 1 => new FlattenLayer(),
                _ => throw new ArgumentException($"--layers: '{token}' is not one of dense:UNITS, conv:FILTERS:KERNEL[:valid], relu, maxpool:SIZE, gap, flatten."),
            });
        }

        return layers.Count > 0 ? layers : throw new ArgumentException("--layers names no layer.");
    }

    /// <summary>Per input element: mean and 1/std over the training samples (1 where an element is constant).</summary>
    private static (float[] Mean, float[] InvStd) Standardization(float[] inputs, int size)
    {
        int count = inputs.Length / size;
        var mean = new double[size];
        var square = new double[size];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < size; i++)
            {
                double v = inputs[(s * size) + i];
                mean[i] += v;
                square[i] += v * v;
            }
        }

        var m = new float[size];
        var inv = new float[size];
        for (int i = 0; i < size; i++)
        {
            double mu = mean[i] / count;
            double variance = Math.Max(0, (square[i] / count) - (mu * mu));
            m[i] = (float)mu;
            inv[i] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }

        return (m, inv);
    }

    private static void Apply(float[] samples, float[] mean, float[] invStd)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            int j = i % mean.Length;
            samples[i] = (samples[i] - mean[j]) * invStd[j];
        }
    }
}
