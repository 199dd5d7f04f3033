using System.Collections.Concurrent;
using EdgeAi.Cloud.Client.Oip;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.EdgeHost.Cli.Model;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>
/// Issue 6 model updates with real ONNX models: the node's <see cref="LocalModel"/> (over the native engine and ONNX
/// Runtime) as the activator of a real <see cref="ModelSync"/> against the real service. Version 1 is the shipped
/// int8 occupancy model; version 2 is a different real model (the shipped float one) published under the same name.
/// A good update swaps while inference runs on another thread, with every answer wholly from one version; an update
/// whose golden record does not match what the model computes is refused and version 1 keeps serving.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelSwapTests
{
    private const string Name = "living_occupancy_int8";

    // A window of raw readings (CO2 ppm, °C, lux, motion; 12 samples each) as the node feeds it.
    private static readonly float[] Window =
    [
        .. Enumerable.Range(0, 12).Select(i => 600f + (60 * i)),
        .. Enumerable.Repeat(19.5f, 12),
        .. Enumerable.Repeat(120f, 12),
        .. Enumerable.Repeat(0f, 12),
    ];

    [Fact]
    public async Task A_signed_update_swaps_atomically_while_inference_runs()
    {
        using var repository = await ModelRepositoryCopy.CreateAsync();
        var keys = ManifestSigner.CreateKeyPair();
        var v2 = File.ReadAllBytes(Path.Combine(repository.Repository, "living_occupancy", "1", "model.onnx"));
        Publish(repository, 2, v2, keys.PrivateKeyPem);
        await using var service = await repository.StartServiceAsync();
        using var model = LoadVersion1(repository);
        Assert.StartsWith("native/", model.EngineDescription, StringComparison.Ordinal);
        var before = (await model.PredictAsync(Window)).Confidence;
        var after = Expected(v2);
        Assert.NotEqual(before, after);

        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentQueue<float>();
        var inference = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.Enqueue((await model.PredictAsync(Window)).Confidence);
            }
        });

        var records = await Sync(repository, service.BaseAddress, keys.PublicKeyPem, model).SyncOnceAsync();
        await Task.Delay(50);
        await stop.CancelAsync();
        await inference.WaitAsync(TimeSpan.FromSeconds(30));

        var record = Assert.Single(records);
        Assert.True(record.Outcome == ModelSyncOutcome.Activated, record.Reason);
        Assert.Equal(2, model.Version);
        Assert.StartsWith("onnxruntime/", model.EngineDescription, StringComparison.Ordinal);
        Assert.Equal(after, (await model.PredictAsync(Window)).Confidence);

        // Every answer came wholly from version 1 or wholly from version 2, and the switch happened once.
        var answers = seen.ToArray();
        Assert.All(answers, a => Assert.True(a == before || a == after, $"{a} is from neither version"));
        int switchAt = Array.IndexOf(answers, after);
        Assert.True(switchAt > 0, "inference did not run across the swap");
        Assert.All(answers[switchAt..], a => Assert.Equal(after, a));
    }

    [Fact]
    public async Task An_update_that_fails_its_golden_check_is_refused_and_the_old_model_keeps_serving()
    {
        using var repository = await ModelRepositoryCopy.CreateAsync();
        var keys = ManifestSigner.CreateKeyPair();
        var model2 = OnnxModelReader.Read(File.ReadAllBytes(Path.Combine(repository.Repository, "living_occupancy", "1", "model.onnx")), Sha(Path.Combine(repository.Repository, "living_occupancy", "1", "model.onnx")));
        var golden = ModelGolden.Read(model2)!;
        new ModelGolden(golden.Input, [.. golden.Output.Select(v => 1 - v)], golden.Tolerance).WriteTo(model2);
        Publish(repository, 2, OnnxModelWriter.ToBytes(model2), keys.PrivateKeyPem);
        await using var service = await repository.StartServiceAsync();
        using var model = LoadVersion1(repository);
        var before = await model.PredictAsync(Window);

        var record = Assert.Single(await Sync(repository, service.BaseAddress, keys.PublicKeyPem, model).SyncOnceAsync());

        Assert.Equal(ModelSyncOutcome.Rejected, record.Outcome);
        Assert.Contains("golden check", record.Reason, StringComparison.Ordinal);
        Assert.Equal(1, model.Version);
        Assert.Equal(before, await model.PredictAsync(Window));
    }

    private static LocalModel LoadVersion1(ModelRepositoryCopy repository)
    {
        var path = Path.Combine(repository.Repository, Name, "1", "model.onnx");
        var model = new LocalModel(Name, "auto", new ModelRunnerFactory(), Path.Combine(repository.Directory.Path, "node", "models", Name), NullLogger.Instance);
        model.Load(path, Sha(path), 1);
        return model;
    }

    private static ModelSync Sync(ModelRepositoryCopy repository, Uri service, string publicKey, LocalModel model) =>
        new(
            new DistributionClient(new CloudHttp(new CloudClientOptions { BaseAddress = service, TokenFile = repository.TokenFile, PerTryTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System)),
            new ManifestVerifier(publicKey),
            model,
            new ModelSyncOptions { Models = [Name], WorkDirectory = Path.Combine(repository.Directory.Path, "node", "incoming") },
            TimeProvider.System);

    private static void Publish(ModelRepositoryCopy repository, long version, byte[] artifact, string privateKey)
    {
        var folder = Path.Combine(repository.Repository, Name, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), artifact);
        var manifest = ModelSignCommands.WriteManifest(Name, version, ModelDigest.Sha256Hex(artifact), artifact.Length, "onnxruntime", "0.0.1");
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), manifest);
        File.WriteAllText(Path.Combine(folder, "manifest.sig"), ManifestSigner.Sign(manifest, privateKey) + "\n");
    }

    private static float Expected(byte[] bytes)
    {
        using var runner = OnnxRuntimeRunner.Create(bytes);
        Window.CopyTo(runner.Inputs[0].AsSpan<float>());
        runner.Run();
        return LocalModel.Answer(runner.Outputs[0].AsSpan<float>()).Confidence;
    }

    private static string Sha(string path) => ModelDigest.Sha256Hex(File.ReadAllBytes(path));
}
