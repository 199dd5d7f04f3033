using System.Runtime.CompilerServices;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// An integer matrix multiply over u8 or s8 activations (M x K) and packed s8 weights (K x N): MatMulInteger,
/// QLinearMatMul, and fused QDQ MatMul/Gemm. s8 activations are made u8 exactly by x + 128 (XOR 0x80) with the
/// zero point moved by +128, into a buffer preallocated at plan time. Quantized outputs use the GEMM's bias and
/// requantization sink directly; float outputs go through an int32 buffer and <see cref="GemmEpilogue"/>.
/// </summary>
internal sealed class QGemmStep(QGemm gemm, Tensor a, int m, int aZeroPoint, QGemmPackedWeights weights, GemmEpilogue epilogue, Tensor y) : EngineStep
{
    private readonly bool _signed = a.ElementType == TensorElementType.Int8;
    private readonly byte _zeroPoint = checked((byte)(a.ElementType == TensorElementType.Int8 ? aZeroPoint + 128 : aZeroPoint));
    private readonly byte[]? _shifted = a.ElementType == TensorElementType.Int8 ? new byte[a.ElementCount] : null;
    private readonly int[]? _acc = epilogue.Kind == OutputKind.Float ? new int[m * weights.N] : null;
    private readonly int[] _bias = epilogue.IntBias ?? [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<byte> activations = a.Bytes;
        if (_signed)
        {
            ActivationShift.ToUnsigned(activations, _shifted);
            activations = _shifted;
        }

        switch (epilogue.Kind)
        {
            case OutputKind.Int32:
                gemm.Multiply(activations, m, _zeroPoint, weights, y.AsSpan<int>());
                return;
            case OutputKind.Quantized when y.ElementType == TensorElementType.Int8:
                gemm.Multiply(activations, m, _zeroPoint, weights, _bias, epilogue.Requantization!, y.AsSpan<sbyte>());
                return;
            case OutputKind.Quantized:
                gemm.Multiply(activations, m, _zeroPoint, weights, _bias, epilogue.Requantization!, y.Bytes);
                return;
        }

        gemm.Multiply(activations, m, _zeroPoint, weights, _acc!);
        epilogue.ApplyFloat(_acc, m, weights.N, y.AsSpan<float>());
    }
}
