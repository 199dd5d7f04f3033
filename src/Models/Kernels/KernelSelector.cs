using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Chooses the GEMM kernel set once per process from the CPU's <c>IsSupported</c> flags, unless the
/// environment variable <see cref="EnvironmentVariable"/> names one.
/// </summary>
public static class KernelSelector
{
    /// <summary>The environment variable that forces a kernel set (used by tests to exercise every path).</summary>
    public const string EnvironmentVariable = "EDGEAI_KERNELS";

    private static readonly Lazy<KernelSet> DefaultSet =
        new(() => Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The kernel set used by <see cref="QGemm.Default"/>: the override if set, otherwise <see cref="Best"/>.</summary>
    /// <exception cref="InvalidOperationException">The override names an unknown set or one this CPU lacks.</exception>
    public static KernelSet Default => DefaultSet.Value;

    /// <summary>The fastest kernel set this CPU supports.</summary>
    public static KernelSet Best
    {
        get
        {
            if (IsSupported(KernelSet.NeonDp))
            {
                return KernelSet.NeonDp;
            }

            if (IsSupported(KernelSet.Neon))
            {
                return KernelSet.Neon;
            }

            if (IsSupported(KernelSet.AvxVnni))
            {
                return KernelSet.AvxVnni;
            }

            // Where both exist, VNNI does in one instruction what AVX-512BW needs a widen, a vpmaddwd and an add for.
            if (IsSupported(KernelSet.Avx512Bw))
            {
                return KernelSet.Avx512Bw;
            }

            if (IsSupported(KernelSet.Avx2))
            {
                return KernelSet.Avx2;
            }

            return IsSupported(KernelSet.Vector128) ? KernelSet.Vector128 : KernelSet.Scalar;
        }
    }

    /// <summary>Whether this CPU (as the runtime sees it) can run <paramref name="set"/>.</summary>
    public static bool IsSupported(KernelSet set) => set switch
    {
        KernelSet.Scalar => true,
        KernelSet.Vector128 => Vector128.IsHardwareAccelerated,
        KernelSet.Avx2 => Avx2.IsSupported,
        KernelSet.Avx512Bw => Avx512BW.IsSupported,
        KernelSet.AvxVnni => AvxVnni.IsSupported,
        KernelSet.Neon => AdvSimd.Arm64.IsSupported,
        KernelSet.NeonDp => AdvSimd.Arm64.IsSupported && Dp.IsSupported,
        _ => false,
    };

    /// <summary>Every kernel set this CPU supports, scalar first.</summary>
    public static IReadOnlyList<KernelSet> Supported { get; } =
        Enum.GetValues<KernelSet>().Where(IsSupported).ToArray();

    /// <summary>The override's name for <paramref name="set"/> (<c>neon-dp</c> for <see cref="KernelSet.NeonDp"/>).</summary>
    public static string NameOf(KernelSet set) => set switch
    {
        KernelSet.Scalar => "scalar",
        KernelSet.Vector128 => "vector128",
        KernelSet.Avx2 => "avx2",
        KernelSet.Avx512Bw => "avx512bw",
        KernelSet.AvxVnni => "avxvnni",
        KernelSet.Neon => "neon",
        KernelSet.NeonDp => "neon-dp",
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown kernel set."),
    };

    /// <summary>
    /// Resolves an override value: null or empty means <see cref="Best"/>; otherwise one of the names of
    /// <see cref="NameOf"/> (case-insensitive), which this CPU must support.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown name, or a set this CPU lacks.</exception>
    public static KernelSet Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Best;
        }

        string wanted = value.Trim();
        foreach (KernelSet set in Enum.GetValues<KernelSet>())
        {
            if (string.Equals(NameOf(set), wanted, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsSupported(set))
                {
                    throw new InvalidOperationException(
                        $"{EnvironmentVariable}={wanted}: this CPU does not support that kernel set; supported: {SupportedNames()}.");
                }

                return set;
            }
        }

        throw new InvalidOperationException(
            $"{EnvironmentVariable}={wanted}: unknown kernel set; expected one of scalar, vector128, avx2, avx512bw, avxvnni, neon, neon-dp (supported here: {SupportedNames()}).");
    }

    private static string SupportedNames() => string.Join(", ", Supported.Select(NameOf));
}
