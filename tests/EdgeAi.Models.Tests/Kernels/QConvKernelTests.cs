using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>QConv on every kernel set this CPU supports, bit-exact against the reference; allocation-free after warm-up.</summary>
public sealed class QConvKernelTests
{
    public static TheoryData<KernelSet> SupportedSets() => QGemmKernelTests.SupportedSets();

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Run_RandomGeneralShapes_MatchesReference(KernelSet set) =>
        QConvProperties.GeneralMatchesReference(set, iterations: 300);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Run_RandomDepthwiseShapes_MatchesReference(KernelSet set) =>
        QConvProperties.DepthwiseMatchesReference(set, iterations: 300);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Run_AfterWarmUp_AllocatesNothing(KernelSet set) =>
        Assert.Equal(0, QConvProperties.AllocatedBytesPerSteadyStateRuns(set, calls: 10));
}
