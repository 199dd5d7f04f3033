using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the repository's warnings-as-errors build contract would reject BenchmarkDotNet's generated
// project, and one process keeps the ONNX Runtime native library loaded once.
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(EdgeAi.Models.Benchmarks.GemmShape).Assembly).Run(args, config);
