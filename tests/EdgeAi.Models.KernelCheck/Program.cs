using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.KernelCheck;
using EdgeAi.Models.Tests.Kernels;

// Usage: EdgeAi.Models.KernelCheck [--expect-best NAME] [--expect-default NAME] [--expect-dp true|false] [--iterations N]
// Runs the bit-exactness properties for every kernel set this CPU supports and checks the unsupported ones
// refuse to run. --expect-best asserts which set the CPU flags select; --expect-default which set QGemm.Default
// runs (the same, unless EDGEAI_KERNELS overrides it).
string? expectBest = null;
string? expectDefault = null;
bool? expectDp = null;
long iterations = 100;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--expect-best" when i + 1 < args.Length:
            expectBest = args[++i];
            break;
        case "--expect-default" when i + 1 < args.Length:
            expectDefault = args[++i];
            break;
        case "--expect-dp" when i + 1 < args.Length:
            expectDp = bool.Parse(args[++i]);
            break;
        case "--iterations" when i + 1 < args.Length:
            iterations = long.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown argument: {args[i]}");
            return 2;
    }
}

Console.WriteLine($"{RuntimeInformation.ProcessArchitecture}: supported kernel sets {string.Join(", ", KernelSelector.Supported.Select(KernelSelector.NameOf))}; best {KernelSelector.NameOf(KernelSelector.Best)}");
var runner = new CheckRunner();

if (expectDp is bool dp)
{
    runner.Run($"Dp.IsSupported is {dp}", () =>
        CheckRunner.Require(Dp.IsSupported == dp, $"Dp.IsSupported is {Dp.IsSupported}"));
}

if (expectBest is not null)
{
    runner.Run($"CPU flags select {expectBest}", () =>
        CheckRunner.Require(KernelSelector.NameOf(KernelSelector.Best) == expectBest, $"best is {KernelSelector.NameOf(KernelSelector.Best)}"));
}

if (expectDefault is not null)
{
    string overrideValue = Environment.GetEnvironmentVariable(KernelSelector.EnvironmentVariable) ?? "(unset)";
    runner.Run($"dispatch runs {expectDefault} ({KernelSelector.EnvironmentVariable}={overrideValue})", () =>
    {
        CheckRunner.Require(KernelSelector.NameOf(KernelSelector.Default) == expectDefault, $"default is {KernelSelector.NameOf(KernelSelector.Default)}");
        CheckRunner.Require(KernelSelector.NameOf(QGemm.Default.KernelSet) == expectDefault, $"QGemm.Default runs {KernelSelector.NameOf(QGemm.Default.KernelSet)}");
    });
}

foreach (KernelSet set in Enum.GetValues<KernelSet>())
{
    string name = KernelSelector.NameOf(set);
    if (!KernelSelector.IsSupported(set))
    {
        runner.Run($"{name}: unsupported here, refuses to run", () =>
        {
            try
            {
                _ = new QGemm(set);
            }
            catch (NotSupportedException)
            {
                return;
            }

            throw new InvalidOperationException("constructed a kernel this CPU does not support");
        });
        continue;
    }

    runner.Run($"{name}: int32 output bit-exact ({iterations} random cases)", () => QGemmProperties.Int32MatchesReference(set, iterations));
    runner.Run($"{name}: u8/s8 requantized output bit-exact ({iterations} random cases)", () => QGemmProperties.RequantizedMatchesReference(set, iterations));
    runner.Run($"{name}: u8/s8 requantized output with bias bit-exact ({iterations} random cases)", () => QGemmProperties.BiasedMatchesReference(set, iterations));
    runner.Run($"{name}: extreme values bit-exact", () => QGemmProperties.ExtremesMatchReference(set));
    runner.Run($"{name}: zero bytes allocated per call", () =>
    {
        long bytes = QGemmProperties.AllocatedBytesPerSteadyStateCalls(set, calls: 20);
        CheckRunner.Require(bytes == 0, $"{bytes} bytes allocated");
    });
    runner.Run($"{name}: QLinearConv general path bit-exact ({iterations} random cases)", () => QConvProperties.GeneralMatchesReference(set, iterations));
    runner.Run($"{name}: QLinearConv depthwise path bit-exact ({iterations} random cases)", () => QConvProperties.DepthwiseMatchesReference(set, iterations));
    runner.Run($"{name}: QLinearConv zero bytes allocated per run", () =>
    {
        long bytes = QConvProperties.AllocatedBytesPerSteadyStateRuns(set, calls: 10);
        CheckRunner.Require(bytes == 0, $"{bytes} bytes allocated");
    });
}

// Pooling is plain scalar code that does not depend on the GEMM kernel set, so it runs once.
runner.Run($"MaxPool u8/s8 bit-exact ({iterations} random cases)", () => QPoolProperties.MaxPoolMatchesReference(iterations));
runner.Run($"AveragePool u8/s8 bit-exact ({iterations} random cases)", () => QPoolProperties.AveragePoolMatchesReference(iterations));
runner.Run($"GlobalAveragePool u8/s8 bit-exact ({iterations} random cases)", () => QPoolProperties.GlobalAveragePoolMatchesReference(iterations));
runner.Run("pools: zero bytes allocated per call", () =>
{
    long bytes = QPoolProperties.AllocatedBytesPerSteadyStateCalls(calls: 10);
    CheckRunner.Require(bytes == 0, $"{bytes} bytes allocated");
});

runner.PrintSummary();
return runner.Failed == 0 ? 0 : 1;
