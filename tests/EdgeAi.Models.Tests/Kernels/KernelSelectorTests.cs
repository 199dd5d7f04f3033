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
    public void Best_OnX64WithVnni_IsAvxVnni()
    {
        if (!AvxVnni.IsSupported)
        {
            Assert.NotEqual(KernelSet.AvxVnni, KernelSelector.Best);
            return;
        }

        Assert.Equal(KernelSet.AvxVnni, KernelSelector.Best);
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
