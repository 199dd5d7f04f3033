using EdgeAi.Models.Onnx;

namespace EdgeAi.Models.Training;

/// <summary>
/// Maximum over non-overlapping windows of each channel (stride = pool size, a trailing partial window dropped);
/// exported as ONNX MaxPool.
/// </summary>
public sealed class MaxPool1DLayer : Layer
{
    /// <summary>Creates a max pool over windows of <paramref name="poolSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="poolSize"/> is less than 1.</exception>
    public MaxPool1DLayer(int poolSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        PoolSize = poolSize;
    }

    /// <summary>Window length and stride.</summary>
    public int PoolSize { get; }

    private protected override int[] BuildCore(int[] inputShape, Random random)
    {
        if (inputShape.Length != 2 || inputShape[1] < PoolSize)
        {
            throw new ArgumentException($"MaxPool1D({PoolSize}) takes [channels, length >= {PoolSize}]; its input is [{string.Join(", ", inputShape)}].");
        }

        return [inputShape[0], inputShape[1] / PoolSize];
    }

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int inLength = InputShape[1], outLength = OutputShape[1];
        for (int row = 0; row < batch * InputShape[0]; row++)
        {
            for (int t = 0; t < outLength; t++)
            {
                ReadOnlySpan<float> window = input.Slice((row * inLength) + (t * PoolSize), PoolSize);
                output[(row * outLength) + t] = System.Numerics.Tensors.TensorPrimitives.Max(window);
            }
        }
    }

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        inputGradient[..(batch * InputSize)].Clear();
        int inLength = InputShape[1], outLength = OutputShape[1];
        for (int row = 0; row < batch * InputShape[0]; row++)
        {
            for (int t = 0; t < outLength; t++)
            {
                // The gradient goes to the first position holding the maximum.
                int start = (row * inLength) + (t * PoolSize);
                int winner = input.Slice(start, PoolSize).IndexOf(output[(row * outLength) + t]);
                inputGradient[start + winner] += outputGradient[(row * outLength) + t];
            }
        }
    }

    internal override string Export(OnnxExport graph, string input, int index) =>
        graph.AddNode(
            "MaxPool", $"max_pool_{index}", [input], OnnxProtoFactory.Ints("kernel_shape", PoolSize), OnnxProtoFactory.Ints("strides", PoolSize));
}
