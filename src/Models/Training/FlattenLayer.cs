namespace EdgeAi.Models.Training;

/// <summary>Flattens each sample to a feature vector (row-major); exported as ONNX Flatten (axis 1).</summary>
public sealed class FlattenLayer : Layer
{
    private protected override int[] BuildCore(int[] inputShape, Random random) => [Product(inputShape)];

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        input[..(batch * InputSize)].CopyTo(output);

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (!inputGradient.IsEmpty)
        {
            outputGradient[..(batch * InputSize)].CopyTo(inputGradient);
        }
    }

    internal override string Export(OnnxExport graph, string input, int index) =>
        graph.AddNode("Flatten", $"flatten_{index}", [input], Onnx.OnnxProtoFactory.Int("axis", 1));
}
