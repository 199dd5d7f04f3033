using System.Numerics.Tensors;

namespace EdgeAi.Models.Training;

/// <summary>Fully connected layer, y = x Wᵀ + b with W as [units, inputs]; exported as ONNX Gemm (transB = 1).</summary>
public sealed class DenseLayer : Layer
{
    private Parameter _weight = new(0);
    private Parameter _bias = new(0);

    /// <summary>Creates a dense layer with <paramref name="units"/> outputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    public DenseLayer(int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        Units = units;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    internal override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    private protected override int[] BuildCore(int[] inputShape, Random random)
    {
        if (inputShape.Length != 1)
        {
            throw new ArgumentException($"Dense takes a feature vector; its input is [{string.Join(", ", inputShape)}]. Add a Flatten layer first.");
        }

        _weight = new Parameter(Units * inputShape[0]);
        _bias = new Parameter(Units);
        HeUniform(_weight.Value, inputShape[0], random);
        return [Units];
    }

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int inputs = InputSize;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * inputs, inputs);
            for (int o = 0; o < Units; o++)
            {
                output[(n * Units) + o] = TensorPrimitives.Dot(x, _weight.Value.AsSpan(o * inputs, inputs)) + _bias.Value[o];
            }
        }
    }

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int inputs = InputSize;
        if (!inputGradient.IsEmpty)
        {
            inputGradient.Clear();
        }

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * inputs, inputs);
            for (int o = 0; o < Units; o++)
            {
                float g = outputGradient[(n * Units) + o];
                Span<float> gradientRow = _weight.Gradient.AsSpan(o * inputs, inputs);
                TensorPrimitives.MultiplyAdd(x, g, gradientRow, gradientRow);
                _bias.Gradient[o] += g;
                if (!inputGradient.IsEmpty)
                {
                    Span<float> dx = inputGradient.Slice(n * inputs, inputs);
                    TensorPrimitives.MultiplyAdd(_weight.Value.AsSpan(o * inputs, inputs), g, dx, dx);
                }
            }
        }
    }

    internal override string Export(OnnxExport graph, string input, int index)
    {
        string name = $"dense_{index}";
        graph.AddInitializer(name + ".weight", [Units, InputSize], _weight.Value);
        graph.AddInitializer(name + ".bias", [Units], _bias.Value);
        return graph.AddNode("Gemm", name, [input, name + ".weight", name + ".bias"], Onnx.OnnxProtoFactory.Int("transB", 1));
    }
}
