using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.Models.Engine;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>
/// <c>edgeai model info|run|bench|verify|quantize|train|sign|keygen</c>. Results go to stdout (JSON with
/// <c>--json</c>, and always for <c>run</c>); messages and errors go to stderr. Exit codes: 0 ok, 1 the model or
/// its input is refused (the message says why), 2 bad usage.
/// </summary>
internal static class ModelCommand
{
    public static Command Create() => new("model", "Model tooling: inspect, run, benchmark, verify, quantize, train and sign ONNX models.")
    {
        Info(),
        Run(),
        Bench(),
        Verify(),
        ModelTrainingCommands.Quantize(),
        ModelTrainingCommands.Train(),
        ModelSignCommands.Sign(),
        ModelSignCommands.KeyGen(),
    };

    internal static Argument<FileInfo> FileArgument() => new("FILE") { Description = "The ONNX model file." };

    internal static Option<string> Sha256Option() => new("--sha256") { Description = "Expected SHA-256 of the file (64 hex digits); the bytes are checked before they are parsed." };

    internal static Option<string> EngineOption(string defaultValue) => new("--engine")
    {
        Description = "native, ort (ONNX Runtime) or auto (native when it supports every node).",
        DefaultValueFactory = _ => defaultValue,
    };

    private static Command Info()
    {
        var file = FileArgument();
        var sha = Sha256Option();
        var command = new Command("info", "Inputs, outputs, operators, and which engine will run the model and why.") { file, sha };
        command.SetAction(result => Guard(result, () =>
        {
            var model = ModelFile.Read(result.GetValue(file)!.FullName, result.GetValue(sha));
            var text = new StringBuilder();
            var m = model.Model;
            text.AppendLine(CultureInfo.InvariantCulture, $"file:      {model.Path}");
            text.AppendLine(CultureInfo.InvariantCulture, $"sha256:    {model.Sha256}");
            text.AppendLine(CultureInfo.InvariantCulture, $"size:      {model.Bytes.Length} bytes");
            text.AppendLine(CultureInfo.InvariantCulture, $"producer:  {(m.ProducerName.Length == 0 ? "-" : $"{m.ProducerName} {m.ProducerVersion}".Trim())}, IR {m.IrVersion}, opsets {string.Join(", ", m.OpsetImport.Select(o => $"{(o.Domain.Length == 0 ? "ai.onnx" : o.Domain)} {o.Version}"))}");
            text.AppendLine("inputs:");
            foreach (var input in m.Graph.Input.Where(i => m.Graph.Initializer.All(t => t.Name != i.Name)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {Describe(input)}");
            }

            text.AppendLine("outputs:");
            foreach (var output in m.Graph.Output)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {Describe(output)}");
            }

            text.AppendLine("operators:");
            foreach (var group in m.Graph.Node.GroupBy(n => n.Domain.Length == 0 ? n.OpType : $"{n.Domain}.{n.OpType}").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key,-24} {group.Count()}");
            }

            var support = NativeSupport.Check(m);
            text.AppendLine(CultureInfo.InvariantCulture, $"native:    {(support.IsSupported ? $"supported (kernels {KernelSelector.NameOf(KernelSelector.Default)})" : "not supported")}");
            foreach (var problem in support.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {problem}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"engine:    {(support.IsSupported ? "native: it supports every node" : "onnxruntime: the native engine cannot run the nodes above")}");
            var golden = ModelGolden.Read(m);
            text.AppendLine(CultureInfo.InvariantCulture, $"golden:    {(golden is null ? "none" : $"{golden.Input.Length} inputs -> {golden.Output.Length} outputs, tolerance {golden.Tolerance}")}");
            result.InvocationConfiguration.Output.Write(text.ToString());
            return 0;
        }));
        return command;
    }

    private static Command Run()
    {
        var file = FileArgument();
        var sha = Sha256Option();
        var engine = EngineOption("auto");
        var input = new Option<FileInfo>("--input") { Description = "Open Inference Protocol request JSON ({\"inputs\":[{\"name\",\"shape\",\"datatype\",\"data\"}]}); '-' or none reads stdin." };
        var command = new Command("run", "Run the model once; prints the Open Inference Protocol response JSON (outputs with name, shape, datatype, data).") { file, sha, engine, input };
        command.SetAction(result => Guard(result, () =>
        {
            var model = ModelFile.Read(result.GetValue(file)!.FullName, result.GetValue(sha));
            var inputPath = result.GetValue(input)?.FullName;
            byte[] request;
            if (inputPath is null || result.GetValue(input)!.Name == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                request = buffer.ToArray();
            }
            else
            {
                request = File.ReadAllBytes(inputPath);
            }

            var tensors = OipTensorJson.ParseRequest(request);
            var graph = model.Model.Graph;
            var inputNames = graph.Input.Select(i => i.Name).Where(n => graph.Initializer.All(t => t.Name != n)).ToList();
            foreach (var name in inputNames.Where(n => tensors.All(t => t.Name != n)))
            {
                throw new InvalidDataException($"The model needs input '{name}', which the request does not give.");
            }

            foreach (var extra in tensors.Where(t => !inputNames.Contains(t.Name)))
            {
                throw new InvalidDataException($"The model has no input '{extra.Name}' (inputs: {string.Join(", ", inputNames)}).");
            }

            var options = new ModelRunnerOptions();
            foreach (var t in tensors)
            {
                options.InputShapes[t.Name] = t.Shape;
            }

            var (runner, _) = ModelRunnerFactory.Create(model.Bytes, model.Model, result.GetValue(engine)!, options);
            using (runner)
            {
                foreach (var tensor in runner.Inputs)
                {
                    var given = tensors.First(t => t.Name == tensor.Name);
                    if (!given.Shape.AsSpan().SequenceEqual(tensor.Shape))
                    {
                        throw new InvalidDataException($"Input '{tensor.Name}' has shape [{string.Join(", ", given.Shape)}]; the model takes [{string.Join(", ", tensor.Shape.ToArray())}].");
                    }

                    OipTensorJson.Fill(tensor, given);
                }

                runner.Run();
                using var stdout = Console.OpenStandardOutput();
                OipTensorJson.WriteResponse(stdout, Path.GetFileNameWithoutExtension(model.Path), runner.Outputs);
                stdout.WriteByte((byte)'\n');
            }

            return 0;
        }));
        return command;
    }

    private static Command Bench()
    {
        var file = FileArgument();
        var sha = Sha256Option();
        var engine = EngineOption("auto");
        var runs = new Option<int>("--runs") { Description = "Timed runs (default 1000).", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first, so the JIT has tiered the hot path up (default 2000; a Native AOT build needs none).", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (default 1).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: engine, kernels, median_us, p99_us, allocated_bytes_per_run." };
        var command = new Command("bench", "Latency (median, p99) and managed allocation per run, on random inputs.") { file, sha, engine, runs, warmup, threads, json };
        command.SetAction(result => Guard(result, () =>
        {
            int count = result.GetValue(runs);
            int warm = result.GetValue(warmup);
            if (count < 1 || warm < 0 || result.GetValue(threads) < 1)
            {
                throw new ArgumentException("--runs and --threads must be at least 1 and --warmup at least 0.");
            }

            var model = ModelFile.Read(result.GetValue(file)!.FullName, result.GetValue(sha));
            var (runner, _) = ModelRunnerFactory.Create(model.Bytes, model.Model, result.GetValue(engine)!, new ModelRunnerOptions { IntraOpThreads = result.GetValue(threads) });
            using (runner)
            {
                RandomInputs.Fill(runner, model.Model, new Random(1));
                for (int i = 0; i < warm; i++)
                {
                    runner.Run();
                }

                var times = new double[count];
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < count; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    runner.Run();
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                Array.Sort(times);
                double median = times[count / 2];
                double p99 = times[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)];
                string engineName = runner.Engine == ModelEngine.Native ? "native" : "onnxruntime";
                long perRun = allocated / count;
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    output.WriteLine(Json(w =>
                    {
                        w.WriteString("engine", engineName);
                        w.WriteString("kernels", runner.Kernels);
                        w.WriteNumber("runs", count);
                        w.WriteNumber("median_us", Math.Round(median, 2));
                        w.WriteNumber("p99_us", Math.Round(p99, 2));
                        w.WriteNumber("allocated_bytes_per_run", perRun);
                    }));
                }
                else
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engineName} ({runner.Kernels}): median {median:F1} µs, p99 {p99:F1} µs over {count} runs; {perRun} bytes allocated per run"));
                }
            }

            return 0;
        }));
        return command;
    }

    private static Command Verify()
    {
        var file = FileArgument();
        var sha = Sha256Option();
        var runs = new Option<int>("--runs") { Description = "Random inputs to compare on (default 20).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs (default 1).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: engines, runs, max_abs_diff, max_diff_in_quantization_steps." };
        var command = new Command("verify", "Run the native engine and ONNX Runtime on the same random inputs and report the largest difference.") { file, sha, runs, seed, json };
        command.SetAction(result => Guard(result, () =>
        {
            int count = result.GetValue(runs);
            if (count < 1)
            {
                throw new ArgumentException("--runs must be at least 1.");
            }

            var model = ModelFile.Read(result.GetValue(file)!.FullName, result.GetValue(sha));
            var (native, _) = ModelRunnerFactory.Create(model.Bytes, model.Model, "native", new ModelRunnerOptions());
            using (native)
            {
                var (ort, _) = ModelRunnerFactory.Create(model.Bytes, model.Model, "onnxruntime", new ModelRunnerOptions());
                using (ort)
                {
                    var steps = native.Outputs.Select(o => QuantizationSteps.StepOf(model.Model, o.Name, o.ElementType)).ToArray();
                    var random = new Random(result.GetValue(seed));
                    double maxAbs = 0, maxSteps = 0;
                    for (int r = 0; r < count; r++)
                    {
                        RandomInputs.Fill(native, model.Model, random);
                        for (int i = 0; i < native.Inputs.Count; i++)
                        {
                            native.Inputs[i].Bytes.CopyTo(ort.Inputs[i].Bytes);
                        }

                        native.Run();
                        ort.Run();
                        for (int o = 0; o < native.Outputs.Count; o++)
                        {
                            double diff = QuantizationSteps.MaxAbsDiff(native.Outputs[o], ort.Outputs[o]);
                            maxAbs = Math.Max(maxAbs, diff);
                            maxSteps = Math.Max(maxSteps, diff / steps[o]);
                        }
                    }

                    var output = result.InvocationConfiguration.Output;
                    if (result.GetValue(json))
                    {
                        output.WriteLine(Json(w =>
                        {
                            w.WriteStartArray("engines");
                            w.WriteStringValue($"native/{native.Kernels}");
                            w.WriteStringValue($"onnxruntime/{ort.Kernels}");
                            w.WriteEndArray();
                            w.WriteNumber("runs", count);
                            w.WriteNumber("max_abs_diff", maxAbs);
                            w.WriteNumber("max_diff_in_quantization_steps", Math.Round(maxSteps, 4));
                        }));
                    }
                    else
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"native/{native.Kernels} vs onnxruntime/{ort.Kernels} over {count} random inputs: max |diff| {maxAbs:G6} = {maxSteps:F3} quantization steps"));
                    }
                }
            }

            return 0;
        }));
        return command;
    }

    internal static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs a command body, turning refused input into a message on stderr and exit code 1.</summary>
    internal static int Guard(ParseResult result, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            result.InvocationConfiguration.Error.WriteLine($"edgeai: model {result.CommandResult.Command.Name}: {e.Message}");
            return 1;
        }
    }

    private static string Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        var type = tensor is null ? "?" : TensorElementTypes.FromOnnx(tensor.ElemType) is { } t ? TensorElementTypes.ToOip(t) : $"type {tensor.ElemType}";
        var dims = tensor?.Shape?.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.HasDimParam ? d.DimParam : "?") ?? [];
        return $"{value.Name}: {type} [{string.Join(", ", dims)}]";
    }
}
