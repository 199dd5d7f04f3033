using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>Every kernel set this CPU supports, bit-exact against the reference; the others are proven by the linux-arm64 emulated suite.</summary>
public sealed class QGemmKernelTests
{
    public static TheoryData<KernelSet> SupportedSets() => new(KernelSelector.Supported);

    public static TheoryData<KernelSet> UnsupportedSets() =>
        new(Enum.GetValues<KernelSet>().Where(s => !KernelSelector.IsSupported(s)));

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Multiply_RandomCases_Int32MatchesReference(KernelSet set) =>
        QGemmProperties.Int32MatchesReference(set, iterations: 400);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Multiply_RandomCases_RequantizedMatchesReference(KernelSet set) =>
        QGemmProperties.RequantizedMatchesReference(set, iterations: 200);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Multiply_RandomCasesWithBias_RequantizedMatchesReference(KernelSet set) =>
        QGemmProperties.BiasedMatchesReference(set, iterations: 200);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Multiply_ExtremeValues_MatchesReference(KernelSet set) =>
        QGemmProperties.ExtremesMatchReference(set);

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Multiply_AfterWarmUp_AllocatesNothing(KernelSet set) =>
        Assert.Equal(0, QGemmProperties.AllocatedBytesPerSteadyStateCalls(set, calls: 20));

    [Theory]
    [MemberData(nameof(SupportedSets))]
    public void Constructor_SupportedSet_ReportsIt(KernelSet set) =>
        Assert.Equal(set, new QGemm(set).KernelSet);

    [Theory]
    [MemberData(nameof(UnsupportedSets))]
    public void Constructor_UnsupportedSet_Throws(KernelSet set) =>
        Assert.Throws<NotSupportedException>(() => new QGemm(set));
}
