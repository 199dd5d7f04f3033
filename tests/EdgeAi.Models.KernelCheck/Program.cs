using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.KernelCheck;
using EdgeAi.Models.Tests.Kernels;

// Usage: EdgeAi.Models.KernelCheck [--expect-best NAME] [--expect-dp true|false] [--iterations N]
// Runs the bit-exactness properties for every kernel set this CPU supports and checks the unsupported ones
// refuse to run. --expect-best asserts which set dispatch picks (so the path under test is the one exercised).
string? expectBest = null;
bool? expectDp = null;
long iterations = 100;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--expect-best" when i + 1 < args.Length:
            expectBest = args[++i];
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
    runner.Run($"dispatch picks {expectBest}", () =>
    {
        KernelSet wanted = KernelSelector.Resolve(expectBest);
        CheckRunner.Require(KernelSelector.Best == wanted, $"best is {KernelSelector.NameOf(KernelSelector.Best)}");
        CheckRunner.Require(KernelSelector.Default == wanted, $"default is {KernelSelector.NameOf(KernelSelector.Default)}");
        CheckRunner.Require(QGemm.Default.KernelSet == wanted, $"QGemm.Default runs {KernelSelector.NameOf(QGemm.Default.KernelSet)}");
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
    runner.Run($"{name}: extreme values bit-exact", () => QGemmProperties.ExtremesMatchReference(set));
    runner.Run($"{name}: zero bytes allocated per call", () =>
    {
        long bytes = QGemmProperties.AllocatedBytesPerSteadyStateCalls(set, calls: 20);
        CheckRunner.Require(bytes == 0, $"{bytes} bytes allocated");
    });
}

runner.PrintSummary();
return runner.Failed == 0 ? 0 : 1;
