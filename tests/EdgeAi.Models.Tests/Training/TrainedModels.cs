using EdgeAi.Models.Training;

namespace EdgeAi.Models.Tests.Training;

/// <summary>The small models the trainer and quantizer tests share, trained once per test run (deterministic).</summary>
public static class TrainedModels
{
    public const int WaveLength = 32;

    private static readonly Lazy<(SequentialModel Model, LabelledSet Train, LabelledSet Test)> LazyMlp = new(() =>
    {
        LabelledSet train = SyntheticSensorData.Blobs(600, seed: 1);
        LabelledSet test = SyntheticSensorData.Blobs(300, seed: 2);
        SequentialModel model = Mlp(seed: 7);
        model.Fit(train.Inputs, train.Labels, new TrainingOptions { Epochs = 15, BatchSize = 32, LearningRate = 0.01f });
        return (model, train, test);
    });

    private static readonly Lazy<(SequentialModel Model, LabelledSet Train, LabelledSet Test)> LazyCnn = new(() =>
    {
        LabelledSet train = SyntheticSensorData.Waves(600, WaveLength, seed: 3);
        LabelledSet test = SyntheticSensorData.Waves(300, WaveLength, seed: 4);
        SequentialModel model = Cnn(seed: 11);
        model.Fit(train.Inputs, train.Labels, new TrainingOptions { Epochs = 20, BatchSize = 32, LearningRate = 0.01f });
        return (model, train, test);
    });

    public static (SequentialModel Model, LabelledSet Train, LabelledSet Test) BlobMlp => LazyMlp.Value;

    public static (SequentialModel Model, LabelledSet Train, LabelledSet Test) WaveCnn => LazyCnn.Value;

    public static SequentialModel Mlp(int seed) =>
        new([4], [new DenseLayer(16), new ReluLayer(), new DenseLayer(3)], LossFunction.SoftmaxCrossEntropy, seed);

    public static SequentialModel Cnn(int seed) =>
        new(
            [1, WaveLength],
            [
                new Conv1DLayer(8, 5, Conv1DPadding.Same), new ReluLayer(), new MaxPool1DLayer(2),
                new Conv1DLayer(8, 3, Conv1DPadding.Valid), new ReluLayer(),
                new GlobalAveragePool1DLayer(), new FlattenLayer(), new DenseLayer(3),
            ],
            LossFunction.SoftmaxCrossEntropy,
            seed);
}
