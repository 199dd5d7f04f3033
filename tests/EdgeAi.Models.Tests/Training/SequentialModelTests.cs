using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;
using EdgeAi.Models.Training;

namespace EdgeAi.Models.Tests.Training;

public sealed class SequentialModelTests
{
    [Fact]
    public void Fit_BlobMlp_ReachesNinetyFivePercentOnHeldOut()
    {
        (SequentialModel model, _, LabelledSet test) = TrainedModels.BlobMlp;

        Assert.True(model.Accuracy(test.Inputs, test.Labels) >= 0.95, $"accuracy {model.Accuracy(test.Inputs, test.Labels)}");
    }

    [Fact]
    public void Fit_WaveCnn_ReachesNinetyFivePercentOnHeldOut()
    {
        (SequentialModel model, _, LabelledSet test) = TrainedModels.WaveCnn;

        Assert.True(model.Accuracy(test.Inputs, test.Labels) >= 0.95, $"accuracy {model.Accuracy(test.Inputs, test.Labels)}");
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalWeights()
    {
        LabelledSet data = SyntheticSensorData.Waves(90, TrainedModels.WaveLength, seed: 5);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16 };
        SequentialModel a = TrainedModels.Cnn(seed: 3), b = TrainedModels.Cnn(seed: 3), c = TrainedModels.Cnn(seed: 4);

        a.Fit(data.Inputs, data.Labels, options);
        b.Fit(data.Inputs, data.Labels, options);
        c.Fit(data.Inputs, data.Labels, options);

        Assert.Equal(OnnxModelWriter.ToBytes(a.ExportOnnx()), OnnxModelWriter.ToBytes(b.ExportOnnx()));
        Assert.NotEqual(OnnxModelWriter.ToBytes(a.ExportOnnx()), OnnxModelWriter.ToBytes(c.ExportOnnx()));
    }

    [Fact]
    public void Fit_LossFalls()
    {
        LabelledSet data = SyntheticSensorData.Blobs(120, seed: 9);

        TrainingHistory history = TrainedModels.Mlp(seed: 1).Fit(data.Inputs, data.Labels, new TrainingOptions { Epochs = 5, LearningRate = 0.01f });

        Assert.Equal(5, history.EpochLosses.Count);
        Assert.True(history.EpochLosses[^1] < history.EpochLosses[0] / 2, string.Join(", ", history.EpochLosses));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void ExportOnnx_RunInOnnxRuntime_MatchesTrainerForward(string which)
    {
        (SequentialModel model, _, LabelledSet test) = which == "mlp" ? TrainedModels.BlobMlp : TrainedModels.WaveCnn;
        LabelledSet batch = test.Take(0, 40);
        var expected = new float[batch.Count * model.OutputSize];
        model.Predict(batch.Inputs, expected);

        float[] actual = RunInOnnxRuntime(model.ExportOnnx(), model, batch.Inputs, batch.Count);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{i}: trainer {expected[i]}, ORT {actual[i]}");
        }
    }

    [Fact]
    public void ExportOnnx_Cnn_HasTheLayerOperatorsAndSymbolicBatch()
    {
        ModelProto onnx = TrainedModels.Cnn(seed: 1).ExportOnnx();

        Assert.Equal(
            ["Conv", "Relu", "MaxPool", "Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm", "Softmax"],
            onnx.Graph.Node.Select(n => n.OpType));
        Assert.Equal(13, onnx.OpsetImport.Single().Version);
        Assert.Equal("input", onnx.Graph.Input.Single().Name);
        Assert.Equal("N", onnx.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("probabilities", onnx.Graph.Output.Single().Name);
        Assert.Equal(1, onnx.Graph.Node.Single(n => n.OpType == "Gemm").Attribute.Single(a => a.Name == "transB").I);
    }

    [Fact]
    public void ExportOnnx_Regressor_TrainsWithMseAndMatchesOnnxRuntime()
    {
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 400).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] y = Enumerable.Range(0, 200).Select(n => (2 * x[2 * n]) - x[(2 * n) + 1] + 0.5f).ToArray();
        var model = new SequentialModel([2], [new DenseLayer(8), new ReluLayer(), new DenseLayer(1)], LossFunction.MeanSquaredError, seed: 2);

        TrainingHistory history = model.Fit(x, y, new TrainingOptions { Epochs = 60, LearningRate = 0.02f });
        var expected = new float[200];
        model.Predict(x, expected);
        float[] actual = RunInOnnxRuntime(model.ExportOnnx(), model, x, 200);

        Assert.True(history.EpochLosses[^1] < 0.01, string.Join(", ", history.EpochLosses));
        Assert.Equal("output", model.ExportOnnx().Graph.Output.Single().Name);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{i}: trainer {expected[i]}, ORT {actual[i]}");
        }
    }

    [Fact]
    public void Constructor_DenseOnSignal_ThrowsAskingForFlatten()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new SequentialModel([1, 16], [new Conv1DLayer(4, 3), new DenseLayer(2)], LossFunction.SoftmaxCrossEntropy, seed: 1));

        Assert.Contains("Flatten", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LabelOutOfRange_Throws()
    {
        SequentialModel model = TrainedModels.Mlp(seed: 1);

        Assert.Throws<ArgumentException>(() => model.Fit(new float[8], [0, 3], new TrainingOptions()));
    }

    internal static float[] RunInOnnxRuntime(ModelProto onnx, SequentialModel model, float[] inputs, int count)
    {
        byte[] bytes = OnnxModelWriter.ToBytes(onnx);
        OnnxModelReader.Read(bytes, ModelDigest.Sha256Hex(bytes));
        var options = new ModelRunnerOptions();
        options.InputShapes["input"] = [count, .. model.InputShape];
        using var runner = OnnxRuntimeRunner.Create(bytes, options);
        inputs.CopyTo(runner.Inputs[0].AsSpan<float>());
        runner.Run();
        return runner.Outputs[0].AsSpan<float>().ToArray();
    }
}
