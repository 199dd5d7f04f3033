using System.Text.Json;
using EdgeAi.Models.Engine;
using EdgeAi.Models.Runtime;
using Xunit.Abstractions;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>
/// The native engine against ONNX Runtime on every fixture, on seeded random inputs. Tolerances (documented in
/// src/Models/Engine/README.md): int32 outputs exactly; u8/s8 outputs within 1 quantization step (the engine
/// requantizes in fixed point, ORT in float: a value within float rounding of a .5 boundary may round the other way);
/// float outputs within the per-output bound make_engine_fixtures.py derives and stores in engine_manifest.json.
/// </summary>
public sealed class NativeAgreementTests(ITestOutputHelper output)
{
    // 8 seeded runs per fixture keeps the suite fast; EDGEAI_AGREEMENT_RUNS=200 gives the README's figures.
    private static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("EDGEAI_AGREEMENT_RUNS"), out int runs) && runs > 0 ? runs : 8;

    [Theory]
    [MemberData(nameof(EngineFixtures.SupportedWithoutConvolution), MemberType = typeof(EngineFixtures))]
    public void Run_MatMulFamilyAndElementwiseFixtures_AgreesWithOnnxRuntime(string file) => AssertAgreement(file);

    [Theory]
    [MemberData(nameof(EngineFixtures.Convolution), MemberType = typeof(EngineFixtures))]
    public void Run_ConvolutionFixtures_AgreesWithOnnxRuntime(string file) => AssertAgreement(file);

    internal static void AssertAgreement(string file, ITestOutputHelper? log = null)
    {
        JsonElement fixture = EngineFixtures.All.Single(f => EngineFixtures.FileOf(f) == file);
        JsonElement floatTolerance = fixture.GetProperty("float_tolerance");
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load(file));
        using var ort = new OrtReference(EngineFixtures.PathOf(file));
        var worst = new double[runner.Outputs.Count];
        var differing = new long[runner.Outputs.Count];
        var total = new long[runner.Outputs.Count];
        for (int seed = 0; seed < Runs; seed++)
        {
            EngineFixtures.Fill(runner.Inputs, seed);
            runner.Run();
            byte[][] expected = ort.Run(runner.Inputs, runner.OutputInfo);
            for (int o = 0; o < expected.Length; o++)
            {
                Tensor t = runner.Outputs[o];
                double tolerance = t.ElementType switch
                {
                    TensorElementType.Int32 => 0,
                    TensorElementType.UInt8 or TensorElementType.Int8 => 1,
                    _ => floatTolerance.GetProperty(t.Name).GetDouble(),
                };
                (double max, int at) = OutputComparison.MaxDifference(t, expected[o]);
                worst[o] = Math.Max(worst[o], max);
                total[o] += t.ElementCount;
                for (int i = 0; i < t.ElementCount; i++)
                {
                    differing[o] += OutputComparison.ValueAt(t.Bytes, t.ElementType, i) != OutputComparison.ValueAt(expected[o], t.ElementType, i) ? 1 : 0;
                }
                Assert.True(max <= tolerance, max <= tolerance ? string.Empty :
                    $"{file} seed {seed} output '{t.Name}'[{at}]: native {OutputComparison.ValueAt(t.Bytes, t.ElementType, at)} vs ONNX Runtime {OutputComparison.ValueAt(expected[o], t.ElementType, at)}, |diff| {max} > {tolerance}");
            }
        }

        for (int o = 0; o < worst.Length; o++)
        {
            log?.WriteLine($"{file} output '{runner.Outputs[o].Name}' ({runner.Outputs[o].ElementType}): max |native - ORT| over {Runs} runs = {worst[o]:G4}, {differing[o]}/{total[o]} elements differ");
        }
    }

    [Fact]
    public void Run_Figures_AreLogged()
    {
        foreach (string file in EngineFixtures.FilesWhere(convolution: false).Concat(EngineFixtures.FilesWhere(convolution: true)))
        {
            AssertAgreement(file, output);
        }
    }
}
