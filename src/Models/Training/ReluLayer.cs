namespace EdgeAi.Models.Training;

/// <summary>Rectified linear unit, max(0, x); exported as ONNX Relu.</summary>
public sealed class ReluLayer : Layer
{
    private protected override int[] BuildCore(int[] inputShape, Random random) => inputShape;

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        System.Numerics.Tensors.TensorPrimitives.Max(input[..(batch * InputSize)], 0f, output);

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < batch * InputSize; i++)
        {
            inputGradient[i] = input[i] > 0 ? outputGradient[i] : 0;
        }
    }

    internal override string Export(OnnxExport graph, string input, int index) => graph.AddNode("Relu", $"relu_{index}", [input]);
}
