using System.Numerics.Tensors;
using EdgeAi.Models.Onnx;

namespace EdgeAi.Models.Training;

/// <summary>
/// 1-D convolution with bias, stride 1, over [channels, length]: W is [filters, channels, kernel]. Exported as ONNX
/// Conv with explicit <c>pads</c>.
/// </summary>
public sealed class Conv1DLayer : Layer
{
    private Parameter _weight = new(0);
    private Parameter _bias = new(0);
    private int _padBefore;

    /// <summary>Creates a convolution with <paramref name="filters"/> output channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="filters"/> or <paramref name="kernelSize"/> is less than 1.</exception>
    public Conv1DLayer(int filters, int kernelSize, Conv1DPadding padding = Conv1DPadding.Same)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        Filters = filters;
        KernelSize = kernelSize;
        Padding = padding;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel length.</summary>
    public int KernelSize { get; }

    /// <summary>Padding mode.</summary>
    public Conv1DPadding Padding { get; }

    internal override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    private int Channels => InputShape[0];

    private int InLength => InputShape[1];

    private int OutLength => OutputShape[1];

    private protected override int[] BuildCore(int[] inputShape, Random random)
    {
        if (inputShape.Length != 2)
        {
            throw new ArgumentException($"Conv1D takes [channels, length]; its input is [{string.Join(", ", inputShape)}].");
        }

        int outLength = Padding == Conv1DPadding.Same ? inputShape[1] : inputShape[1] - KernelSize + 1;
        if (outLength < 1)
        {
            throw new ArgumentException($"Conv1D kernel {KernelSize} is longer than the input length {inputShape[1]} ('valid' padding).");
        }

        _padBefore = Padding == Conv1DPadding.Same ? (KernelSize - 1) / 2 : 0;
        int fanIn = inputShape[0] * KernelSize;
        _weight = new Parameter(Filters * fanIn);
        _bias = new Parameter(Filters);
        HeUniform(_weight.Value, fanIn, random);
        return [Filters, outLength];
    }

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int n = 0; n < batch; n++)
        {
            for (int f = 0; f < Filters; f++)
            {
                Span<float> y = output.Slice(((n * Filters) + f) * OutLength, OutLength);
                y.Fill(_bias.Value[f]);
                for (int c = 0; c < Channels; c++)
                {
                    ReadOnlySpan<float> x = input.Slice(((n * Channels) + c) * InLength, InLength);
                    for (int k = 0; k < KernelSize; k++)
                    {
                        (int t0, int t1, int shift) = Overlap(k);
                        if (t1 > t0)
                        {
                            float w = _weight.Value[(((f * Channels) + c) * KernelSize) + k];
                            TensorPrimitives.MultiplyAdd(x.Slice(t0 + shift, t1 - t0), w, y[t0..t1], y[t0..t1]);
                        }
                    }
                }
            }
        }
    }

    internal override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (!inputGradient.IsEmpty)
        {
            inputGradient[..(batch * InputSize)].Clear();
        }

        for (int n = 0; n < batch; n++)
        {
            for (int f = 0; f < Filters; f++)
            {
                ReadOnlySpan<float> g = outputGradient.Slice(((n * Filters) + f) * OutLength, OutLength);
                _bias.Gradient[f] += TensorPrimitives.Sum(g);
                for (int c = 0; c < Channels; c++)
                {
                    int xOffset = ((n * Channels) + c) * InLength;
                    for (int k = 0; k < KernelSize; k++)
                    {
                        (int t0, int t1, int shift) = Overlap(k);
                        if (t1 <= t0)
                        {
                            continue;
                        }

                        int wIndex = (((f * Channels) + c) * KernelSize) + k;
                        _weight.Gradient[wIndex] += TensorPrimitives.Dot(g[t0..t1], input.Slice(xOffset + t0 + shift, t1 - t0));
                        if (!inputGradient.IsEmpty)
                        {
                            Span<float> dx = inputGradient.Slice(xOffset + t0 + shift, t1 - t0);
                            TensorPrimitives.MultiplyAdd(g[t0..t1], _weight.Value[wIndex], dx, dx);
                        }
                    }
                }
            }
        }
    }

    internal override string Export(OnnxExport graph, string input, int index)
    {
        string name = $"conv1d_{index}";
        graph.AddInitializer(name + ".weight", [Filters, Channels, KernelSize], _weight.Value);
        graph.AddInitializer(name + ".bias", [Filters], _bias.Value);
        int padAfter = Padding == Conv1DPadding.Same ? KernelSize - 1 - _padBefore : 0;
        return graph.AddNode(
            "Conv",
            name,
            [input, name + ".weight", name + ".bias"],
            OnnxProtoFactory.Ints("kernel_shape", KernelSize),
            OnnxProtoFactory.Ints("pads", _padBefore, padAfter),
            OnnxProtoFactory.Ints("strides", 1));
    }

    /// <summary>Output positions [t0, t1) for which input position t + shift lies inside the input, for kernel tap k.</summary>
    private (int T0, int T1, int Shift) Overlap(int k)
    {
        int shift = k - _padBefore;
        return (Math.Max(0, -shift), Math.Min(OutLength, InLength - shift), shift);
    }
}
