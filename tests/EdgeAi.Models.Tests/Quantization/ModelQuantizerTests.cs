using System.Globalization;
using System.Text;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Quantization;
using EdgeAi.Models.Tests.Training;
using EdgeAi.Models.Training;

namespace EdgeAi.Models.Tests.Quantization;

public sealed class ModelQuantizerTests
{
    /// <summary>200 training samples to calibrate on, then the 300 test samples held out (the last 60% of lines).</summary>
    private static CalibrationData CsvFor(SequentialModel model, LabelledSet train, LabelledSet test)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", Enumerable.Range(0, model.InputSize).Select(i => $"x{i}")) + ",label");
        foreach (LabelledSet set in new[] { train.Take(0, 200), test })
        {
            for (int n = 0; n < set.Count; n++)
            {
                csv.AppendLine(string.Join(",", set.Inputs.AsSpan(n * set.SampleSize, set.SampleSize).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
                    + "," + set.Labels[n].ToString(CultureInfo.InvariantCulture));
            }
        }

        return CalibrationData.ParseCsv(new StringReader(csv.ToString()), [.. model.InputShape], holdoutFraction: 0.6);
    }

    private static (SequentialModel Model, LabelledSet Train, LabelledSet Test) Trained(string which) =>
        which == "mlp" ? TrainedModels.BlobMlp : TrainedModels.WaveCnn;

    [Theory]
    [InlineData("mlp", CalibrationMethod.MinMax)]
    [InlineData("mlp", CalibrationMethod.Percentile)]
    [InlineData("cnn", CalibrationMethod.MinMax)]
    [InlineData("cnn", CalibrationMethod.Percentile)]
    public void Quantize_TrainedModel_Int8AccuracyWithinTwoPointsOfFloat(string which, CalibrationMethod method)
    {
        (SequentialModel model, LabelledSet train, LabelledSet test) = Trained(which);
        CalibrationData data = CsvFor(model, train, test);

        QuantizationReport report = ModelQuantizer.Quantize(model.ExportOnnx(), data, new QuantizerOptions { Method = method }).Report;

        Assert.Equal(200, report.CalibrationSamples);
        Assert.Equal(300, report.HoldoutSamples);
        Assert.True(report.FloatAccuracy >= 0.95, $"float {report.FloatAccuracy}");
        Assert.True(report.QuantizedAccuracy >= report.FloatAccuracy - 0.02, $"float {report.FloatAccuracy}, int8 {report.QuantizedAccuracy}");
        Assert.InRange(report.MeanAbsoluteError, 0, 0.02);
        Assert.InRange(report.MaxAbsoluteError, report.MeanAbsoluteError, 0.1);
    }

    [Fact]
    public void Quantize_Mlp_EmitsTheQdqPatternWithTransBAxisZero()
    {
        (SequentialModel model, LabelledSet train, LabelledSet test) = TrainedModels.BlobMlp;

        QuantizationResult result = ModelQuantizer.Quantize(model.ExportOnnx(), CsvFor(model, train, test), new QuantizerOptions());

        var structure = new QdqStructure(result.Model.Graph);
        Assert.Equal(2, structure.QuantizedOps.Count());
        Assert.All(structure.QuantizedOps, op => structure.AssertOp(op, expectedAxis: 0));
        structure.AssertQuantizeOnlyAtQuantizedOps();
        Assert.Equal(
            ["QuantizeLinear", "DequantizeLinear", "DequantizeLinear", "DequantizeLinear", "Gemm", "Relu", "QuantizeLinear", "DequantizeLinear",
             "DequantizeLinear", "DequantizeLinear", "Gemm", "QuantizeLinear", "DequantizeLinear", "Softmax"],
            result.Model.Graph.Node.Select(n => n.OpType));
        NodeProto softmax = result.Model.Graph.Node.Single(n => n.OpType == "Softmax");
        structure.Producer(softmax.Input[0], "DequantizeLinear");
        Assert.Equal("probabilities", softmax.Output[0]);
        Assert.Equal(["dense_0", "dense_2"], result.Report.QuantizedNodes);
        Assert.Equal(["softmax"], result.Report.FloatNodes);
    }

    [Fact]
    public void Quantize_Cnn_EmitsTheQdqPatternWithConvAxisZeroAndFloatPooling()
    {
        (SequentialModel model, LabelledSet train, LabelledSet test) = TrainedModels.WaveCnn;

        QuantizationResult result = ModelQuantizer.Quantize(model.ExportOnnx(), CsvFor(model, train, test), new QuantizerOptions());

        var structure = new QdqStructure(result.Model.Graph);
        Assert.Equal(["Conv", "Conv", "Gemm"], structure.QuantizedOps.Select(n => n.OpType));
        Assert.All(structure.QuantizedOps, op => structure.AssertOp(op, expectedAxis: 0));
        structure.AssertQuantizeOnlyAtQuantizedOps();
        Assert.Equal(["max_pool_2", "global_average_pool_5", "flatten_6", "softmax"], result.Report.FloatNodes);
        // The pooling stays float and reads the dequantized ReLU output; its output shares the ReLU's scale and
        // zero point, so Q(MaxPool(DQ(q))) = MaxPool(q).
        NodeProto pool = result.Model.Graph.Node.Single(n => n.OpType == "MaxPool");
        structure.Producer(pool.Input[0], "DequantizeLinear");
        ActivationRange relu = result.Report.Activations.Single(a => a.Tensor == "relu_1");
        ActivationRange pooled = result.Report.Activations.Single(a => a.Tensor == "max_pool_2");
        Assert.Equal((relu.Scale, relu.ZeroPoint), (pooled.Scale, pooled.ZeroPoint));
        Assert.True(pooled.Max <= relu.Max);
    }

    [Fact]
    public void Quantize_Output_RoundTripsThroughWriterAndVerifiedReader()
    {
        (SequentialModel model, LabelledSet train, LabelledSet test) = TrainedModels.WaveCnn;
        ModelProto quantized = ModelQuantizer.Quantize(model.ExportOnnx(), CsvFor(model, train, test), new QuantizerOptions()).Model;
        string directory = Directory.CreateTempSubdirectory("edgeai-quant-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.int8.onnx");
            string digest = OnnxModelWriter.WriteFile(quantized, path);

            Assert.Equal(quantized, OnnxModelReader.ReadFile(path, digest));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Quantize_MatMulAddRelu_PerChannelAxisOneAndBiasThroughTheAdd()
    {
        ModelProto model = HandModels.MatMulAddRelu(transposedGemm: false);
        var random = new Random(1);
        float[] samples = Enumerable.Range(0, 64 * 4).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        CalibrationData data = CalibrationData.FromSamples(samples, null, [4], holdoutFraction: 0.25);

        QuantizationResult result = ModelQuantizer.Quantize(model, data, new QuantizerOptions());

        var structure = new QdqStructure(result.Model.Graph);
        NodeProto matMul = structure.QuantizedOps.Single(n => n.OpType == "MatMul");
        structure.AssertOp(matMul, expectedAxis: 1);
        NodeProto gemm = structure.QuantizedOps.Single(n => n.OpType == "Gemm");
        structure.AssertOp(gemm, expectedAxis: 1);
        structure.AssertQuantizeOnlyAtQuantizedOps();
        // The graph output is the Gemm's: it keeps its name on the DequantizeLinear and stays float.
        structure.Producer("y", "DequantizeLinear");
        Assert.Null(result.Report.FloatAccuracy);
        Assert.InRange(result.Report.MaxAbsoluteError, 0, 0.1);
    }

    [Fact]
    public void Quantize_Percentile_ClipsARareOutlierThatMinMaxKeeps()
    {
        ModelProto model = HandModels.MatMulAddRelu(transposedGemm: true);
        var random = new Random(2);
        float[] samples = Enumerable.Range(0, 4000 * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        samples[123] = 50;
        CalibrationData data = CalibrationData.FromSamples(samples, null, [4], holdoutFraction: 0);

        ActivationRange minMax = ModelQuantizer.Quantize(model, data, new QuantizerOptions()).Report.Activations[0];
        ActivationRange percentile = ModelQuantizer.Quantize(model, data, new QuantizerOptions { Method = CalibrationMethod.Percentile, Percentile = 99.9 }).Report.Activations[0];

        Assert.Equal("x", minMax.Tensor);
        Assert.Equal(50, minMax.RangeMax);
        Assert.Equal(50, percentile.Max);
        Assert.InRange(percentile.RangeMax, 0.9, 1.1);
        Assert.InRange(percentile.RangeMin, -1.1, -0.9);
        Assert.True(percentile.Scale < minMax.Scale / 20);
    }

    [Fact]
    public void Quantize_OldOpset_ThrowsNamingTheOpset()
    {
        ModelProto model = HandModels.MatMulAddRelu(transposedGemm: true);
        model.OpsetImport[0].Version = 12;
        CalibrationData data = CalibrationData.FromSamples(new float[8], null, [4], 0);

        var e = Assert.Throws<InvalidDataException>(() => ModelQuantizer.Quantize(model, data, new QuantizerOptions()));
        Assert.Contains("opset 12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_SampleShapeMismatch_Throws()
    {
        ModelProto model = HandModels.MatMulAddRelu(transposedGemm: true);
        CalibrationData data = CalibrationData.FromSamples(new float[10], null, [5], 0);

        Assert.Throws<InvalidDataException>(() => ModelQuantizer.Quantize(model, data, new QuantizerOptions()));
    }

    [Fact]
    public void Quantize_ReportsProgressUpToOne()
    {
        ModelProto model = HandModels.MatMulAddRelu(transposedGemm: true);
        CalibrationData data = CalibrationData.FromSamples(Enumerable.Range(0, 40).Select(i => i * 0.1f).ToArray(), null, [4], 0.2);
        var seen = new List<double>();

        ModelQuantizer.Quantize(model, data, new QuantizerOptions { BatchSize = 3, Method = CalibrationMethod.Percentile }, new SynchronousProgress(seen.Add));

        Assert.Equal(1, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
