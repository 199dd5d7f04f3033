using System.Numerics.Tensors;

namespace EdgeAi.Models.Training;

/// <summary>
/// Mean over the length of each channel, [channels, length] to [channels, 1] (ONNX GlobalAveragePool keeps the
/// spatial axis); follow it with a <see cref="FlattenLayer"/> before a <see cref="DenseLayer"/>.
/// </summary>
public sealed class GlobalAveragePool1DLayer : Layer
{
    private protected override int[] BuildCore(int[] inputShape, Random random)
    {
        if (inputShape.Length != 2)
        {
            throw new ArgumentException($"GlobalAveragePool1D takes [channels, length]; its input is [{string.Join(", ", inputShape)}].");
        }

        return [inputShape[0], 1];
    }

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int length = InputShape[1];
        for (int row = 0; row < batch * InputShape[0]; row++)
        {
            output[row] = TensorPrimitives.Sum(input.Slice(row * length, length)) / length;
        }
    }

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        int length = InputShape[1];
        for (int row = 0; row < batch * InputShape[0]; row++)
        {
            inputGradient.Slice(row * length, length).Fill(outputGradient[row] / length);
        }
    }

    internal override string Export(OnnxExport graph, string input, int index) =>
        graph.AddNode("GlobalAveragePool", $"global_average_pool_{index}", [input]);
}
