using EdgeAi.Models.Engine;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>Every kernel set this CPU supports gives bit-identical native outputs (the GEMM is exact integer arithmetic).</summary>
public sealed class NativeKernelSetTests
{
    public static TheoryData<string> Files() => EngineFixtures.Supported();

    [Theory]
    [MemberData(nameof(Files))]
    public void Run_EveryKernelSet_GivesIdenticalOutputs(string file) => AssertIdentical(file);

    internal static void AssertIdentical(string file)
    {
        byte[][]? reference = null;
        foreach (KernelSet set in KernelSelector.Supported)
        {
            var options = new ModelRunnerOptions { Kernels = set };
            using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load(file), options);
            Assert.Equal(KernelSelector.NameOf(set), runner.Kernels);
            var outputs = new List<byte[]>();
            for (int seed = 0; seed < 3; seed++)
            {
                EngineFixtures.Fill(runner.Inputs, seed);
                runner.Run();
                outputs.AddRange(runner.Outputs.Select(o => o.Bytes.ToArray()));
            }

            if (reference is null)
            {
                reference = [.. outputs];
                continue;
            }

            for (int i = 0; i < outputs.Count; i++)
            {
                Assert.True(reference[i].AsSpan().SequenceEqual(outputs[i]), $"{file}: kernel set {KernelSelector.NameOf(set)} differs from scalar in output block {i}");
            }
        }
    }
}
