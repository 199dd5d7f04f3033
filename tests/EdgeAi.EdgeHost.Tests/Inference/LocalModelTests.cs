using EdgeAi.Cloud.Client.Sync;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.Models.Onnx;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.EdgeHost.Tests.Inference;

public sealed class LocalModelTests : IDisposable
{
    private static readonly float[][] Version1 = [[1, 0], [0, 1]];
    private static readonly float[][] Version2 = [[-3, 0], [3, 0]];
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-localmodel-").FullName;
    private readonly LinearRunnerFactory _factory = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Loads_the_configured_file_and_answers_with_the_arg_max_and_its_probability()
    {
        using var model = Create();
        await model.PredictAsync(new float[] { 0, 2 });
        var answer = await model.PredictAsync(new float[] { 0, 2 });
        Assert.Equal(1, answer.Label);
        Assert.Equal(1 / (1 + Math.Exp(-2)), answer.Confidence, 1e-5);
        Assert.Equal(1, model.Version);
        Assert.Equal("native/fake", model.EngineDescription);
    }

    [Fact]
    public void Refuses_a_file_whose_digest_differs_and_loads_nothing()
    {
        var path = Write("model.onnx", FakeModels.Bytes(Version1));
        using var model = new LocalModel("occupancy", "auto", _factory, Path.Combine(_directory, "installed"), NullLogger.Instance);
        var e = Assert.Throws<InvalidDataException>(() => model.Load(path, new string('0', 64), 1));
        Assert.Contains("digest mismatch", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, model.Version);
        Assert.Empty(_factory.Created);
    }

    [Fact]
    public async Task Wrong_feature_count_is_a_clear_error()
    {
        using var model = Create();
        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await model.PredictAsync(new float[] { 1, 2, 3 }));
        Assert.Contains("takes 2 values; got 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_update_swaps_in_is_installed_and_survives_a_restart()
    {
        using (var model = Create())
        {
            var bytes = FakeModels.Bytes(Version2);
            await model.ActivateAsync(Manifest(2, bytes), bytes);
            Assert.Equal(2, model.Version);
            Assert.Equal(2, model.CurrentVersion("occupancy"));
            Assert.Equal(0, model.CurrentVersion("other"));
            Assert.True(await model.IsHealthyAsync("occupancy"));
            Assert.Equal(1, (await model.PredictAsync(new float[] { 1, 0 })).Label); // version 2 says class 1 for x0 > 0
        }

        using var restarted = Create();
        Assert.Equal(2, restarted.Version);
        Assert.Equal(1, (await restarted.PredictAsync(new float[] { 1, 0 })).Label);
    }

    [Fact]
    public async Task An_update_without_a_golden_record_is_refused_and_the_old_model_keeps_serving()
    {
        using var model = Create();
        var bytes = FakeModels.Bytes(Version2, golden: false);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => model.ActivateAsync(Manifest(2, bytes), bytes));
        Assert.Contains("no golden", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, model.Version);
        Assert.Equal(0, (await model.PredictAsync(new float[] { 1, 0 })).Label);
        Assert.Single(_factory.Created); // refused before a runner was even created
    }

    [Fact]
    public async Task An_update_failing_its_golden_check_is_refused_and_disposed()
    {
        using var model = Create();
        var bytes = FakeModels.Bytes(Version2, goldenShift: 0.01f);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => model.ActivateAsync(Manifest(2, bytes), bytes));
        Assert.Contains("fails its golden check", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, model.Version);
        Assert.True(_factory.Created[^1].Disposed);
        Assert.False(Directory.Exists(Path.Combine(_directory, "installed", "2")));
    }

    [Fact]
    public async Task An_update_with_another_input_size_is_refused()
    {
        using var model = Create();
        var bytes = FakeModels.Bytes([[1, 0, 0], [0, 1, 0]]);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => model.ActivateAsync(Manifest(2, bytes), bytes));
        Assert.Contains("takes 3 inputs", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, model.Version);
    }

    [Fact]
    public async Task Bytes_that_differ_from_the_manifest_digest_are_refused()
    {
        using var model = Create();
        var bytes = FakeModels.Bytes(Version2);
        var manifest = Manifest(2, bytes);
        bytes[^1] ^= 1;
        await Assert.ThrowsAsync<InvalidDataException>(() => model.ActivateAsync(manifest, bytes));
        Assert.Equal(1, model.Version);
    }

    [Fact]
    public async Task Rollback_returns_to_the_previous_model_and_a_restart_does_not_pick_the_failed_version()
    {
        using (var model = Create())
        {
            var bytes = FakeModels.Bytes(Version2);
            await model.ActivateAsync(Manifest(2, bytes), bytes);
            await model.RollbackAsync("occupancy");
            Assert.Equal(1, model.Version);
            Assert.Equal(0, (await model.PredictAsync(new float[] { 1, 0 })).Label);
            await Assert.ThrowsAsync<InvalidOperationException>(() => model.RollbackAsync("occupancy"));
        }

        using var restarted = Create();
        Assert.Equal(1, restarted.Version);
    }

    [Fact]
    public async Task A_tampered_installed_update_is_skipped_at_start()
    {
        using (var model = Create())
        {
            var bytes = FakeModels.Bytes(Version2);
            await model.ActivateAsync(Manifest(2, bytes), bytes);
        }

        var installed = Path.Combine(_directory, "installed", "2", "model.onnx");
        var tampered = File.ReadAllBytes(installed);
        tampered[^1] ^= 1;
        File.WriteAllBytes(installed, tampered);
        using var restarted = Create();
        Assert.Equal(1, restarted.Version);
    }

    [Fact]
    public void Scores_that_are_not_probabilities_go_through_a_softmax()
    {
        var answer = LocalModel.Answer([2f, 0f]);
        Assert.Equal(0, answer.Label);
        Assert.Equal(1 / (1 + Math.Exp(-2)), answer.Confidence, 1e-5);
        var probabilities = LocalModel.Answer([0.25f, 0.75f]);
        Assert.Equal(1, probabilities.Label);
        Assert.Equal(0.75f, probabilities.Confidence);
    }

    private LocalModel Create()
    {
        var bytes = FakeModels.Bytes(Version1);
        var path = Write("model.onnx", bytes);
        var model = new LocalModel("occupancy", "auto", _factory, Path.Combine(_directory, "installed"), NullLogger.Instance);
        model.Load(path, ModelDigest.Sha256Hex(bytes), 1);
        return model;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ModelManifest Manifest(long version, byte[] bytes) =>
        new("occupancy", version, "model.onnx", ModelDigest.Sha256Hex(bytes), bytes.Length, "native", "0.1.0");
}
