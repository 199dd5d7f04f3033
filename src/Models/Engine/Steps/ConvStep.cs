using System.Runtime.CompilerServices;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// QLinearConv or a fused QDQ Conv on <see cref="QConv"/> (im2col + packed GEMM, or its depthwise kernel), with bias and
/// requantization; s8 activations are made u8 by XOR 0x80 (zero point + 128) into a buffer preallocated at plan time.
/// </summary>
internal sealed class ConvStep(QConv conv, Tensor x, int batch, int xZeroPoint, Requantization output, Tensor y) : EngineStep
{
    private readonly bool _signed = x.ElementType == TensorElementType.Int8;
    private readonly byte _zeroPoint = checked((byte)(x.ElementType == TensorElementType.Int8 ? xZeroPoint + 128 : xZeroPoint));
    private readonly byte[] _shifted = x.ElementType == TensorElementType.Int8 ? new byte[x.ElementCount] : [];
    private readonly byte[] _scratch = new byte[conv.ScratchBytes];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<byte> input = x.Bytes;
        if (_signed)
        {
            ActivationShift.ToUnsigned(input, _shifted);
            input = _shifted;
        }

        conv.Run(input, batch, _zeroPoint, output, y.Bytes, _scratch);
    }
}
