using System.Globalization;
using System.Text.Json;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>
/// The project's own model pipeline as models/build.sh runs it, with the real executable: record labelled windows
/// from the simulated demo house, train a float model, quantize it to int8, and check the result with info and
/// verify.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TrainingPipelineTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Record_train_quantize_verify()
    {
        var data = Path.Combine(_directory, "windows.csv");
        var record = await RunAsync("simulate", "--data-dir", Path.Combine(_directory, "state"), "--mqtt-port", EdgeAi.Testing.FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--time-scale", "max", "--duration", "1d", "--record", data);
        Assert.True(record.ExitCode == 0, record.Stderr);
        var lines = File.ReadAllLines(data);
        Assert.Equal(4 * 12 + 1, lines[0].Split(',').Length);
        Assert.StartsWith("living_co2.co2@-11,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",label", lines[0], StringComparison.Ordinal);
        Assert.InRange(lines.Length - 1, 200, 288); // one window per 5 simulated minutes once 12 samples are in
        var labels = lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).ToHashSet();
        Assert.Equal(["0", "1"], labels.Order());

        var fp32 = Path.Combine(_directory, "fp32.onnx");
        var train = await RunAsync("model", "train", "--data", data, "--input-shape", "4,12", "--epochs", "8",
            "--layers", "conv:8:3,relu,maxpool:2,conv:8:3,relu,gap,flatten,dense:2", "--out", fp32);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("accuracy:  training", train.Stdout, StringComparison.Ordinal);

        var int8 = Path.Combine(_directory, "int8.onnx");
        var quantize = await RunAsync("model", "quantize", fp32, int8, "--calibration", data);
        Assert.True(quantize.ExitCode == 0, quantize.Stderr);
        Assert.Contains("quantized:   3 nodes", quantize.Stdout, StringComparison.Ordinal);
        Assert.Contains("accuracy:    float", quantize.Stdout, StringComparison.Ordinal);
        Assert.Contains("calibrating [", quantize.Stderr, StringComparison.Ordinal);

        var info = await RunAsync("model", "info", int8);
        Assert.Contains("engine:    native: it supports every node", info.Stdout, StringComparison.Ordinal);
        Assert.Contains("golden:    48 inputs -> 2 outputs", info.Stdout, StringComparison.Ordinal);

        var verify = await RunAsync("model", "verify", int8, "--runs", "20", "--json");
        Assert.True(verify.ExitCode == 0, verify.Stderr);
        using var json = JsonDocument.Parse(verify.Stdout);
        Assert.InRange(json.RootElement.GetProperty("max_diff_in_quantization_steps").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Record_refuses_a_custom_configuration()
    {
        var config = Path.Combine(_directory, "node.json");
        await File.WriteAllTextAsync(config, """{ "Board": { "Name": "raspberry-pi-4" }, "Devices": [] }""");
        var result = await RunAsync("simulate", "--config", config, "--record", Path.Combine(_directory, "x.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--record labels the data with the built-in demo house's ground truth", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.csv")));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        await using var process = EdgeAiProcess.Start(args);
        await process.WriteInputAsync(string.Empty);
        var code = await process.WaitForExitAsync(Patience);
        return (code, process.StandardOutput, process.StandardError);
    }
}
