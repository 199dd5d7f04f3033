namespace EdgeAi.Models.Training;

/// <summary>
/// One layer of a <see cref="SequentialModel"/>. Shapes are per sample (no batch dimension): a feature vector is
/// <c>[features]</c>, a 1-D signal is <c>[channels, length]</c>. A layer instance belongs to one model.
/// The set of layers is closed: the trainer and its ONNX export know each kind.
/// </summary>
public abstract class Layer
{
    private protected Layer()
    {
    }

    /// <summary>The per-sample input shape, known once the layer belongs to a model.</summary>
    public IReadOnlyList<int> InputShape { get; private set; } = [];

    /// <summary>The per-sample output shape, known once the layer belongs to a model.</summary>
    public IReadOnlyList<int> OutputShape { get; private set; } = [];

    internal int InputSize { get; private set; }

    internal int OutputSize { get; private set; }

    internal virtual IReadOnlyList<Parameter> Parameters => [];

    internal void Build(int[] inputShape, Random random)
    {
        if (InputShape.Count != 0)
        {
            throw new InvalidOperationException($"{GetType().Name} already belongs to a model; make a new layer per model.");
        }

        int[] output = BuildCore(inputShape, random);
        InputShape = inputShape;
        OutputShape = output;
        InputSize = Product(inputShape);
        OutputSize = Product(output);
    }

    /// <summary>Checks the input shape, creates and initializes the parameters and returns the output shape.</summary>
    private protected abstract int[] BuildCore(int[] inputShape, Random random);

    /// <summary>Computes <paramref name="output"/> ([batch, OutputSize]) from <paramref name="input"/> ([batch, InputSize]).</summary>
    internal abstract void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>
    /// Adds this batch's parameter gradients to <see cref="Parameter.Gradient"/> and, when
    /// <paramref name="inputGradient"/> is not empty, writes the gradient with respect to the input into it.
    /// </summary>
    internal abstract void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch);

    /// <summary>Appends this layer's node (and initializers) to <paramref name="graph"/> and returns its output value name.</summary>
    internal abstract string Export(OnnxExport graph, string input, int index);

    private protected static int Product(IReadOnlyList<int> shape)
    {
        int product = 1;
        foreach (int d in shape)
        {
            product = checked(product * d);
        }

        return product;
    }

    /// <summary>He-uniform initialization, suited to layers followed by ReLU: U(-sqrt(6/fanIn), sqrt(6/fanIn)).</summary>
    private protected static void HeUniform(Span<float> values, int fanIn, Random random)
    {
        float limit = MathF.Sqrt(6f / fanIn);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * limit);
        }
    }
}
