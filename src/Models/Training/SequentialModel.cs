using System.Numerics.Tensors;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Training;

/// <summary>
/// A small feed-forward network for the project's own sensor models, trained in float32 with mini-batch Adam and
/// exported as a float ONNX model (opset 13). Everything random (initial weights, batch order) comes from the
/// seed, so the same seed, data and options give bit-identical weights on the same machine. Inputs are flattened
/// samples, row-major, <see cref="InputSize"/> floats each. Not thread-safe.
/// </summary>
public sealed class SequentialModel
{
    private const int PredictChunk = 256;
    private readonly Layer[] _layers;
    private readonly int[] _inputShape;
    private readonly Random _order;
    private long _step;

    /// <summary>Builds the layers in order on <paramref name="inputShape"/> (per sample, no batch dimension) and initializes the weights from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">No layers, a non-positive dimension, or a layer that does not fit its input (the message names it).</exception>
    public SequentialModel(IReadOnlyList<int> inputShape, IEnumerable<Layer> layers, LossFunction loss, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (inputShape.Count == 0 || inputShape.Any(d => d < 1))
        {
            throw new ArgumentException($"Input shape [{string.Join(", ", inputShape)}] needs one or more positive dimensions.", nameof(inputShape));
        }

        _layers = layers.ToArray();
        if (_layers.Length == 0)
        {
            throw new ArgumentException("A model needs at least one layer.", nameof(layers));
        }

        _inputShape = inputShape.ToArray();
        Loss = loss;
        var init = new Random(seed);
        _order = new Random(unchecked((seed * 7919) + 17));
        int[] shape = _inputShape;
        for (int i = 0; i < _layers.Length; i++)
        {
            try
            {
                _layers[i].Build(shape, init);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {i} ({_layers[i].GetType().Name}): {e.Message}", nameof(layers), e);
            }

            shape = [.. _layers[i].OutputShape];
        }

        if (shape.Length != 1)
        {
            throw new ArgumentException($"The last layer gives [{string.Join(", ", shape)}] per sample; end with a vector (add Flatten and Dense).", nameof(layers));
        }

        InputSize = _layers[0].InputSize;
        OutputSize = shape[0];
    }

    /// <summary>Per-sample input shape (the exported model's input is [N, ..this]).</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>Floats per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Outputs per sample (classes for a classifier).</summary>
    public int OutputSize { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The loss the model is trained on.</summary>
    public LossFunction Loss { get; }

    /// <summary>Trains a classifier (<see cref="LossFunction.SoftmaxCrossEntropy"/>) on samples and their class labels.</summary>
    /// <exception cref="ArgumentException">Sizes do not match, a label is outside [0, <see cref="OutputSize"/>), or the loss is not softmax cross-entropy.</exception>
    public TrainingHistory Fit(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, TrainingOptions options, IProgress<double>? progress = null)
    {
        if (Loss != LossFunction.SoftmaxCrossEntropy)
        {
            throw new ArgumentException("Integer labels train a SoftmaxCrossEntropy model; pass float targets for MeanSquaredError.", nameof(labels));
        }

        int count = SampleCount(inputs, labels.Length);
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)OutputSize)
            {
                throw new ArgumentException($"Label {label} is outside [0, {OutputSize}).", nameof(labels));
            }
        }

        float[] targets = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[i] = labels[i];
        }

        return FitCore(inputs, targets, 1, count, options, progress);
    }

    /// <summary>Trains a regressor (<see cref="LossFunction.MeanSquaredError"/>) on samples and <see cref="OutputSize"/> targets per sample.</summary>
    /// <exception cref="ArgumentException">Sizes do not match, or the loss is not mean squared error.</exception>
    public TrainingHistory Fit(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, TrainingOptions options, IProgress<double>? progress = null)
    {
        if (Loss != LossFunction.MeanSquaredError)
        {
            throw new ArgumentException("Float targets train a MeanSquaredError model; pass integer labels for SoftmaxCrossEntropy.", nameof(targets));
        }

        if (targets.Length % OutputSize != 0)
        {
            throw new ArgumentException($"{targets.Length} targets are not a whole number of {OutputSize}-output samples.", nameof(targets));
        }

        int count = SampleCount(inputs, targets.Length / OutputSize);
        return FitCore(inputs, targets, OutputSize, count, options, progress);
    }

    /// <summary>
    /// Runs the model on whole samples in <paramref name="inputs"/>, writing <see cref="OutputSize"/> values per
    /// sample to <paramref name="outputs"/>: class probabilities (softmax applied) for a classifier, the last layer's
    /// outputs for a regressor. This is what the exported ONNX model computes.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not hold the same whole number of samples.</exception>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int count = SampleCount(inputs, outputs.Length / OutputSize);
        if (outputs.Length != count * OutputSize)
        {
            throw new ArgumentException($"Outputs hold {outputs.Length} floats; {count} samples need {count * OutputSize}.", nameof(outputs));
        }

        float[][] activations = Activations(Math.Min(PredictChunk, Math.Max(count, 1)));
        for (int start = 0; start < count; start += PredictChunk)
        {
            int batch = Math.Min(PredictChunk, count - start);
            inputs.Slice(start * InputSize, batch * InputSize).CopyTo(activations[0]);
            Forward(activations, batch);
            Span<float> result = outputs.Slice(start * OutputSize, batch * OutputSize);
            activations[^1].AsSpan(0, batch * OutputSize).CopyTo(result);
            if (Loss == LossFunction.SoftmaxCrossEntropy)
            {
                for (int n = 0; n < batch; n++)
                {
                    Span<float> row = result.Slice(n * OutputSize, OutputSize);
                    TensorPrimitives.SoftMax(row, row);
                }
            }
        }
    }

    /// <summary>Fraction of samples whose most probable class equals the label.</summary>
    public double Accuracy(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        int count = SampleCount(inputs, labels.Length);
        var outputs = new float[count * OutputSize];
        Predict(inputs, outputs);
        int right = 0;
        for (int n = 0; n < count; n++)
        {
            right += TensorPrimitives.IndexOfMax(outputs.AsSpan(n * OutputSize, OutputSize)) == labels[n] ? 1 : 0;
        }

        return count == 0 ? 0 : (double)right / count;
    }

    /// <summary>
    /// The model as float ONNX (IR 8, opset 13): input <c>"input"</c> as [N, ..<see cref="InputShape"/>] with the
    /// symbolic batch <c>N</c>; Dense → Gemm (transB = 1), Conv1D → Conv, ReLU → Relu, MaxPool1D → MaxPool,
    /// GlobalAveragePool1D → GlobalAveragePool, Flatten → Flatten; a classifier ends in Softmax with output
    /// <c>"probabilities"</c>, a regressor's last layer output is named <c>"output"</c>. Write it with
    /// <see cref="OnnxModelWriter"/>.
    /// </summary>
    public ModelProto ExportOnnx(string graphName = "sensor_model")
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        var graph = new GraphProto { Name = graphName };
        graph.Input.Add(OnnxProtoFactory.ValueInfo("input", DataType.Float, [null, .. _inputShape.Select(d => (long?)d)]));
        var export = new OnnxExport(graph);
        string value = "input";
        for (int i = 0; i < _layers.Length; i++)
        {
            value = _layers[i].Export(export, value, i);
        }

        string output = Loss == LossFunction.SoftmaxCrossEntropy ? "probabilities" : "output";
        if (Loss == LossFunction.SoftmaxCrossEntropy)
        {
            export.Graph.Node.Add(OnnxProtoFactory.Node("Softmax", "softmax", [value], output, OnnxProtoFactory.Int("axis", -1)));
        }
        else
        {
            NodeProto last = export.Graph.Node[^1];
            last.Output[0] = output;
        }

        graph.Output.Add(OnnxProtoFactory.ValueInfo(output, DataType.Float, [null, OutputSize]));
        return OnnxProtoFactory.Model(graph, "edgeai-trainer");
    }

    private int SampleCount(ReadOnlySpan<float> inputs, int expected)
    {
        if (inputs.Length % InputSize != 0 || inputs.Length / InputSize != expected)
        {
            throw new ArgumentException($"{inputs.Length} input floats are not {expected} samples of {InputSize}.", nameof(inputs));
        }

        return expected;
    }

    private float[][] Activations(int batch)
    {
        var activations = new float[_layers.Length + 1][];
        activations[0] = new float[batch * InputSize];
        for (int i = 0; i < _layers.Length; i++)
        {
            activations[i + 1] = new float[batch * _layers[i].OutputSize];
        }

        return activations;
    }

    private void Forward(float[][] activations, int batch)
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Forward(activations[i], activations[i + 1], batch);
        }
    }

    private TrainingHistory FitCore(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int targetSize, int count, TrainingOptions options, IProgress<double>? progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (count == 0)
        {
            throw new ArgumentException("No training samples.", nameof(inputs));
        }

        int batchSize = Math.Min(options.BatchSize, count);
        float[][] activations = Activations(batchSize);
        float[][] gradients = Activations(batchSize);
        var batchTargets = new float[batchSize * targetSize];
        int[] order = Enumerable.Range(0, count).ToArray();
        Parameter[] parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        var losses = new float[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            _order.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < count; start += batchSize)
            {
                int batch = Math.Min(batchSize, count - start);
                for (int n = 0; n < batch; n++)
                {
                    int sample = order[start + n];
                    inputs.Slice(sample * InputSize, InputSize).CopyTo(activations[0].AsSpan(n * InputSize));
                    targets.Slice(sample * targetSize, targetSize).CopyTo(batchTargets.AsSpan(n * targetSize));
                }

                Forward(activations, batch);
                lossSum += LossGradient(activations[^1], batchTargets, gradients[^1], batch) * batch;
                for (int i = _layers.Length - 1; i >= 0; i--)
                {
                    Span<float> inputGradient = i == 0 ? [] : gradients[i];
                    _layers[i].Backward(activations[i], activations[i + 1], gradients[i + 1], inputGradient, batch);
                }

                AdamStep(parameters, options);
            }

            losses[epoch] = (float)(lossSum / count);
            progress?.Report((epoch + 1) / (double)options.Epochs);
        }

        return new TrainingHistory(losses);
    }

    /// <summary>The batch's mean loss; writes d(mean loss)/d(last layer output) into <paramref name="gradient"/>.</summary>
    private float LossGradient(float[] output, float[] targets, float[] gradient, int batch)
    {
        double loss = 0;
        if (Loss == LossFunction.SoftmaxCrossEntropy)
        {
            for (int n = 0; n < batch; n++)
            {
                Span<float> g = gradient.AsSpan(n * OutputSize, OutputSize);
                TensorPrimitives.SoftMax(output.AsSpan(n * OutputSize, OutputSize), g);
                int label = (int)targets[n];
                loss -= Math.Log(Math.Max(g[label], 1e-30f));
                g[label] -= 1;
                TensorPrimitives.Divide(g, batch, g);
            }
        }
        else
        {
            int size = batch * OutputSize;
            Span<float> g = gradient.AsSpan(0, size);
            TensorPrimitives.Subtract(output.AsSpan(0, size), targets.AsSpan(0, size), g);
            loss = TensorPrimitives.SumOfSquares(g) / OutputSize;
            TensorPrimitives.Multiply(g, 2f / size, g);
        }

        return (float)(loss / batch);
    }

    private void AdamStep(Parameter[] parameters, TrainingOptions options)
    {
        _step++;
        float beta1 = options.Beta1, beta2 = options.Beta2;
        float correction1 = 1 - MathF.Pow(beta1, _step);
        float correction2 = 1 - MathF.Pow(beta2, _step);
        float stepSize = options.LearningRate * MathF.Sqrt(correction2) / correction1;
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                float g = p.Gradient[i];
                float m = p.FirstMoment[i] = (beta1 * p.FirstMoment[i]) + ((1 - beta1) * g);
                float v = p.SecondMoment[i] = (beta2 * p.SecondMoment[i]) + ((1 - beta2) * g * g);
                p.Value[i] -= stepSize * m / (MathF.Sqrt(v) + options.Epsilon);
            }

            Array.Clear(p.Gradient);
        }
    }
}
