using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

public sealed class KernelSelectorTests
{
    /// <summary>The x64 CI machine has AVX2 and AVX-VNNI; if the runtime saw neither, the fast paths would silently go untested.</summary>
    [Fact]
    public void Supported_OnThisMachine_ListsEveryPathItsFlagsAllow()
    {
        var expected = new List<KernelSet> { KernelSet.Scalar, KernelSet.Vector128 };
        if (Avx2.IsSupported)
        {
            expected.Add(KernelSet.Avx2);
        }

        if (Avx512BW.IsSupported)
        {
            expected.Add(KernelSet.Avx512Bw);
        }

        if (AvxVnni.IsSupported)
        {
            expected.Add(KernelSet.AvxVnni);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            expected.Add(KernelSet.Neon);
            if (Dp.IsSupported)
            {
                expected.Add(KernelSet.NeonDp);
            }
        }

        Assert.Equal(expected, KernelSelector.Supported);
    }

    [Fact]
    public void Best_FollowsPreferenceOrder()
    {
        KernelSet expected =
            AdvSimd.Arm64.IsSupported && Dp.IsSupported ? KernelSet.NeonDp
            : AdvSimd.Arm64.IsSupported ? KernelSet.Neon
            : AvxVnni.IsSupported ? KernelSet.AvxVnni
            : Avx512BW.IsSupported ? KernelSet.Avx512Bw
            : Avx2.IsSupported ? KernelSet.Avx2
            : KernelSet.Vector128;
        Assert.Equal(expected, KernelSelector.Best);
    }

    /// <summary>
    /// The runtime must see every SIMD extension the kernel sets use that /proc/cpuinfo lists; otherwise those
    /// kernels would silently drop out of the supported list and their tests would not run.
    /// </summary>
    [Theory]
    [InlineData("avx2", KernelSet.Avx2)]
    [InlineData("avx512bw", KernelSet.Avx512Bw)]
    [InlineData("avx_vnni", KernelSet.AvxVnni)]
    [InlineData("asimddp", KernelSet.NeonDp)]
    public void Supported_CpuInfoListsExtension_RuntimeSupportsKernelSet(string cpuFlag, KernelSet set)
    {
        Assert.True(File.Exists("/proc/cpuinfo"), "EdgeAi runs and is tested on Linux only");
        bool listed = File.ReadLines("/proc/cpuinfo")
            .Where(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal))
            .Take(1)
            .Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cpuFlag));
        Assert.Equal(listed, KernelSelector.IsSupported(set));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_NoOverride_ReturnsBest(string? value) =>
        Assert.Equal(KernelSelector.Best, KernelSelector.Resolve(value));

    [Theory]
    [MemberData(nameof(QGemmKernelTests.SupportedSets), MemberType = typeof(QGemmKernelTests))]
    public void Resolve_SupportedName_ReturnsThatSet(KernelSet set)
    {
        Assert.Equal(set, KernelSelector.Resolve(KernelSelector.NameOf(set)));
        Assert.Equal(set, KernelSelector.Resolve(" " + KernelSelector.NameOf(set).ToUpperInvariant() + " "));
    }

    [Theory]
    [MemberData(nameof(QGemmKernelTests.UnsupportedSets), MemberType = typeof(QGemmKernelTests))]
    public void Resolve_UnsupportedName_ThrowsNamingSupportedSets(KernelSet set)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KernelSelector.Resolve(KernelSelector.NameOf(set)));
        Assert.Contains("does not support", error.Message, StringComparison.Ordinal);
        Assert.Contains("scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownName_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KernelSelector.Resolve("sse9"));
        Assert.Contains("EDGEAI_KERNELS=sse9", error.Message, StringComparison.Ordinal);
    }
}
