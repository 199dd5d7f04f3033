namespace EdgeAi.Models.Kernels;

/// <summary>The instruction-set families an int8 GEMM micro-kernel is implemented for.</summary>
/// <remarks>
/// The environment variable <c>EDGEAI_KERNELS</c> overrides the automatic choice with one of the names
/// <c>scalar</c>, <c>vector128</c>, <c>avx2</c>, <c>avx512bw</c>, <c>avxvnni</c>, <c>neon</c>, <c>neon-dp</c>
/// (see <see cref="KernelSelector"/>).
/// </remarks>
public enum KernelSet
{
    /// <summary>Plain C# loops over the packed layout; runs everywhere and is the bit-exact reference.</summary>
    Scalar,

    /// <summary>Portable <see cref="System.Runtime.Intrinsics.Vector128{T}"/> code (16-bit widening products).</summary>
    Vector128,

    /// <summary>AVX2: 16-bit widening and <c>vpmaddwd</c> (never <c>vpmaddubsw</c>, which saturates).</summary>
    Avx2,

    /// <summary>AVX-512BW: the AVX2 scheme (16-bit widening, <c>vpmaddwd</c>) at 512 bits.</summary>
    Avx512Bw,

    /// <summary>AVX-VNNI at 256 bits: <c>vpdpbusd</c>, u8 x s8 into int32.</summary>
    AvxVnni,

    /// <summary>ARM64 Advanced SIMD without dot product (Cortex-A72): SMULL/SMLAL into 16-bit lanes, SADALP into 32-bit.</summary>
    Neon,

    /// <summary>ARM64 Advanced SIMD with the dot-product extension (Cortex-A76/A78): SDOT.</summary>
    NeonDp,
}
