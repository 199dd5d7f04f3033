using System.Globalization;
using System.Text.Json;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// The node's on-device model: answers the offload router (<see cref="ILocalModel"/>) and installs verified updates
/// from model sync (<see cref="IModelActivator"/>). A swap is a reference exchange under the run lock, so a decision
/// runs wholly on the old model or wholly on the new one; the previous model is kept for one rollback.
/// </summary>
/// <remarks>
/// The first output is read as class scores: used as probabilities when they are in [0, 1] and sum to 1 (± 1e-3),
/// otherwise passed through a softmax. Accepted updates are written to
/// <c>&lt;data&gt;/models/&lt;name&gt;/&lt;version&gt;/model.onnx</c> with an <c>installed.json</c> holding their
/// SHA-256, so a restart keeps the newest verified version (checked against that digest before use).
/// </remarks>
internal sealed class LocalModel : ILocalModel, IModelActivator, IDisposable
{
    private readonly object _gate = new();
    private readonly string _name;
    private readonly string _engine;
    private readonly IModelRunnerFactory _factory;
    private readonly string? _installDirectory;
    private readonly ILogger _logger;
    private Loaded? _current;
    private Loaded? _previous;
    private bool _disposed;

    public LocalModel(string name, string engine, IModelRunnerFactory factory, string? installDirectory, ILogger logger)
    {
        _name = name;
        _engine = engine;
        _factory = factory;
        _installDirectory = installDirectory;
        _logger = logger;
    }

    /// <summary>The version serving now (0 before <see cref="Load(string, string, long)"/>).</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _current?.Version ?? 0;
            }
        }
    }

    /// <summary>Engine and kernels of the model serving now, e.g. <c>native/avx2</c>.</summary>
    public string EngineDescription
    {
        get
        {
            lock (_gate)
            {
                return _current is { } c ? Describe(c.Runner) : "none";
            }
        }
    }

    /// <summary>Input values the model takes (features × window).</summary>
    public int InputLength
    {
        get
        {
            lock (_gate)
            {
                return _current?.Runner.Inputs[0].ElementCount ?? 0;
            }
        }
    }

    /// <summary>Shape of the model's first input as bound (batch 1).</summary>
    public IReadOnlyList<long> InputShape
    {
        get
        {
            lock (_gate)
            {
                return _current is { } c ? [.. c.Runner.Inputs[0].Shape.ToArray().Select(d => (long)d)] : [];
            }
        }
    }

    /// <summary>Classes the model's first output scores.</summary>
    public int OutputLength
    {
        get
        {
            lock (_gate)
            {
                return _current?.Runner.Outputs[0].ElementCount ?? 0;
            }
        }
    }

    public static string Describe(IModelRunner runner) =>
        (runner.Engine == ModelEngine.Native ? "native" : "onnxruntime") + "/" + runner.Kernels;

    /// <summary>
    /// Loads the configured model, or a newer installed update of it. Throws (nothing loaded) when the configured file
    /// does not match <paramref name="sha256"/> or cannot run.
    /// </summary>
    public void Load(string path, string sha256, long version) => Load(() => File.ReadAllBytes(path), sha256, version);

    /// <summary>Loads the configured model's bytes from <paramref name="configured"/>, or a newer installed update.</summary>
    public void Load(Func<byte[]> configured, string sha256, long version)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var (bytes, digest, chosenVersion) = NewestInstalled(version) is { } installed ? installed : (configured(), sha256, version);
        var loaded = Create(bytes, digest, chosenVersion, requireGolden: false);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _current = loaded;
        }

        var engine = Describe(loaded.Runner);
        InferenceLog.ModelLoaded(_logger, _name, chosenVersion, engine);
    }

    public ValueTask<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runner = (_current ?? throw new InvalidOperationException("No model is loaded.")).Runner;
            var input = runner.Inputs[0];
            if (features.Length != input.ElementCount)
            {
                throw new ArgumentException($"The model takes {input.ElementCount} values; got {features.Length}.", nameof(features));
            }

            features.Span.CopyTo(input.AsSpan<float>());
            runner.Run();
            return ValueTask.FromResult(Answer(runner.Outputs[0].AsSpan<float>()));
        }
    }

    public long CurrentVersion(string model) => string.Equals(model, _name, StringComparison.Ordinal) ? Version : 0;

    public Task ActivateAsync(ModelManifest manifest, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.Equals(manifest.Name, _name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"This node runs model '{_name}', not '{manifest.Name}'.");
        }

        var loaded = Create(artifact.ToArray(), manifest.Sha256, manifest.Version, requireGolden: true);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var current = _current!.Runner;
                if (loaded.Runner.Inputs[0].ElementCount != current.Inputs[0].ElementCount || loaded.Runner.Outputs[0].ElementCount != current.Outputs[0].ElementCount)
                {
                    throw new InvalidDataException(
                        $"Version {manifest.Version} takes {loaded.Runner.Inputs[0].ElementCount} inputs and gives {loaded.Runner.Outputs[0].ElementCount} outputs; the node's features and labels need {current.Inputs[0].ElementCount} and {current.Outputs[0].ElementCount}.");
                }
            }

            Install(loaded);
        }
        catch
        {
            loaded.Runner.Dispose();
            throw;
        }

        lock (_gate)
        {
            _previous?.Runner.Dispose();
            _previous = _current;
            _current = loaded;
        }

        var engine = Describe(loaded.Runner);
        InferenceLog.ModelLoaded(_logger, _name, loaded.Version, engine);
        return Task.CompletedTask;
    }

    public Task<bool> IsHealthyAsync(string model, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_disposed || _current is not { } current)
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(current.Golden is null ? AnswersOnZeros(current.Runner) : current.Golden.Check(current.Runner) is null);
        }
    }

    public Task RollbackAsync(string model, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_previous is null)
            {
                throw new InvalidOperationException("There is no previous model to roll back to.");
            }

            var failed = _current;
            _current = _previous;
            _previous = null;
            failed?.Runner.Dispose();
            if (_installDirectory is not null && failed is not null)
            {
                // A restart must not pick the version that failed its health check.
                File.Delete(Path.Combine(_installDirectory, failed.Version.ToString(CultureInfo.InvariantCulture), "installed.json"));
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _current?.Runner.Dispose();
            _previous?.Runner.Dispose();
        }
    }

    internal static ModelAnswer Answer(ReadOnlySpan<float> scores)
    {
        if (scores.IsEmpty)
        {
            return new ModelAnswer(0, 0);
        }

        int best = 0;
        float sum = 0;
        bool probabilities = true;
        for (int i = 0; i < scores.Length; i++)
        {
            probabilities &= scores[i] is >= 0 and <= 1;
            sum += scores[i];
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        if (probabilities && Math.Abs(sum - 1) <= 1e-3f)
        {
            return new ModelAnswer(best, scores[best]);
        }

        // Softmax of the best class: 1 / Σ exp(s_i - s_best).
        double denominator = 0;
        foreach (var s in scores)
        {
            denominator += Math.Exp(s - scores[best]);
        }

        return new ModelAnswer(best, (float)(1 / denominator));
    }

    private static bool AnswersOnZeros(IModelRunner runner)
    {
        runner.Inputs[0].Bytes.Clear();
        runner.Run();
        foreach (var v in runner.Outputs[0].AsSpan<float>())
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private Loaded Create(byte[] bytes, string sha256, long version, bool requireGolden)
    {
        var model = OnnxModelReader.Read(bytes, sha256);
        var golden = ModelGolden.Read(model);
        if (golden is null && requireGolden)
        {
            throw new InvalidDataException($"Version {version} has no golden input/output ({ModelGolden.MetadataKey} metadata) to check it with.");
        }

        var runner = _factory.Create(bytes, model, _engine);
        try
        {
            if (runner.Inputs.Count == 0 || runner.Inputs[0].ElementType != TensorElementType.Float32
                || runner.Outputs.Count == 0 || runner.Outputs[0].ElementType != TensorElementType.Float32)
            {
                throw new InvalidDataException("The model's first input and first output must be float tensors.");
            }

            if (golden?.Check(runner) is { } failure)
            {
                throw new InvalidDataException($"Version {version} fails its golden check: {failure}.");
            }

            return new Loaded(runner, golden, version, ModelDigest.Sha256Hex(bytes), bytes);
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    private (byte[] Bytes, string Sha256, long Version)? NewestInstalled(long configuredVersion)
    {
        if (_installDirectory is null || !Directory.Exists(_installDirectory))
        {
            return null;
        }

        foreach (var directory in Directory.GetDirectories(_installDirectory)
            .Select(d => (Path: d, Version: long.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => d.Version > configuredVersion)
            .OrderByDescending(d => d.Version))
        {
            try
            {
                using var marker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory.Path, "installed.json")));
                var sha = marker.RootElement.GetProperty("sha256").GetString()!;
                var bytes = File.ReadAllBytes(Path.Combine(directory.Path, "model.onnx"));
                ModelDigest.Verify(bytes, sha);
                return (bytes, sha, directory.Version);
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
            {
                InferenceLog.InstalledModelSkipped(_logger, directory.Path, e.Message);
            }
        }

        return null;
    }

    private void Install(Loaded loaded)
    {
        if (_installDirectory is null)
        {
            return;
        }

        var directory = Path.Combine(_installDirectory, loaded.Version.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "model.onnx.tmp");
        File.WriteAllBytes(temp, loaded.Bytes);
        File.Move(temp, Path.Combine(directory, "model.onnx"), overwrite: true);
        WriteInstalledMarker(directory, loaded);
    }

    private static void WriteInstalledMarker(string directory, Loaded loaded)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var temp = Path.Combine(directory, "installed.json.tmp");
        File.WriteAllText(temp, $"{{\"version\":{loaded.Version.ToString(CultureInfo.InvariantCulture)},\"sha256\":\"{loaded.Sha256}\"}}\n");
        File.Move(temp, Path.Combine(directory, "installed.json"), overwrite: true);
    }

    private sealed record Loaded(IModelRunner Runner, ModelGolden? Golden, long Version, string Sha256, byte[] Bytes);
}
