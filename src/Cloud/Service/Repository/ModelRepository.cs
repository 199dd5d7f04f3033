using System.Collections.Immutable;
using System.Globalization;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Logging;
using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// The served models of one repository folder.
/// </summary>
/// <remarks>
/// Reads (<see cref="Acquire"/>, <see cref="Find"/>, <see cref="Index"/>) are lock-free over an immutable
/// snapshot and may run concurrently with anything. Loads and unloads are serialized. A (re)load builds
/// the new model completely before swapping it in, so requests keep going to the old versions until the
/// swap and a failed reload leaves the old versions serving (Triton model_management.md, EXPLICIT mode).
/// </remarks>
internal sealed class ModelRepository : IDisposable
{
    private readonly ModelLoader _loader;
    private readonly ILogger<ModelRepository> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private ImmutableDictionary<string, ModelEntry> _entries = ImmutableDictionary.Create<string, ModelEntry>(StringComparer.Ordinal);
    private volatile bool _startupComplete;
    private volatile bool _disposed;

    /// <summary>Creates a repository over <paramref name="root"/>; nothing is loaded until <see cref="LoadAllAsync"/>.</summary>
    public ModelRepository(string root, IModelRunnerFactory factory, TimeProvider time, ILogger<ModelRepository> logger)
    {
        Root = Path.GetFullPath(root);
        _loader = new ModelLoader(factory, time);
        _logger = logger;
    }

    /// <summary>Raised after a model (re)load succeeded, before requests can reach it through a lease.</summary>
    public event Action<LoadedModel>? Loaded;

    /// <summary>The repository folder.</summary>
    public string Root { get; }

    /// <summary>True once the start-up load has tried every model (the server-ready condition).</summary>
    public bool StartupComplete => _startupComplete;

    /// <summary>Loads every model folder found at start-up; a model that fails does not stop the others.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in ModelFolders())
        {
            if (cancellationToken.IsCancellationRequested || _disposed)
            {
                return;
            }

            await LoadAsync(name, cancellationToken).ConfigureAwait(false);
        }

        _startupComplete = true;
        var entries = _entries;
        var ready = entries.Values.Count(e => e.State == ModelState.Ready);
        _logger.RepositoryLoaded(Root, ready, entries.Count);
    }

    /// <summary>The snapshot entry of <paramref name="name"/>, or null when the repository has never seen it.</summary>
    public ModelEntry? Find(string name) => _entries.GetValueOrDefault(name);

    /// <summary>Every model folder on disk and every model loaded, sorted by name.</summary>
    public IReadOnlyList<ModelEntry> Index()
    {
        var entries = _entries;
        return ModelFolders().Union(entries.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => entries.GetValueOrDefault(name) ?? new ModelEntry(name, ModelState.Unknown, string.Empty, null))
            .ToList();
    }

    /// <summary>Takes a lease on a served version of <paramref name="name"/> (the latest when <paramref name="version"/> is null).</summary>
    /// <exception cref="ProtocolException">404 for an unknown model or version, 503 for a model that is not serving.</exception>
    public ModelLease Acquire(string name, long? version)
    {
        while (true)
        {
            var entry = _entries.GetValueOrDefault(name);
            if (entry is null)
            {
                throw new ProtocolException(
                    _startupComplete ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable,
                    _startupComplete ? $"unknown model '{name}'" : "the model repository is still loading");
            }

            if (entry.Model is not { } model)
            {
                throw new ProtocolException(StatusCodes.Status503ServiceUnavailable, $"model '{name}' is not ready: {entry.Reason}");
            }

            var chosen = version ?? model.LatestVersion;
            if (!model.Runners.ContainsKey(chosen))
            {
                throw new ProtocolException(
                    StatusCodes.Status404NotFound,
                    string.Create(CultureInfo.InvariantCulture, $"model '{name}' has no served version {chosen} (served: {string.Join(", ", model.Runners.Keys)})"));
            }

            if (model.TryAddReference())
            {
                return new ModelLease(model, chosen);
            }

            // The model was swapped out and disposed between the snapshot read and the reference: read again.
        }
    }

    /// <summary>(Re)loads <paramref name="name"/> from disk.</summary>
    /// <returns>null on success, otherwise why the load failed (the previous versions, if any, keep serving).</returns>
    public async Task<string?> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return "the service is shutting down";
            }

            var previous = _entries.GetValueOrDefault(name);
            if (previous?.Model is null)
            {
                Publish(new ModelEntry(name, ModelState.Loading, string.Empty, null));
            }

            LoadedModel loaded;
            try
            {
                // Sessions are created off the request thread: loading a large model takes a while.
                // Not cancellable once started: a half-done load would leave the entry in LOADING.
                loaded = await Task.Run(() => _loader.Load(Path.Combine(Root, name)), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ModelLoadException or IOException or UnauthorizedAccessException)
            {
                if (previous?.Model is not null)
                {
                    _logger.ModelReloadFailed(name, e.Message);
                    Publish(previous with { Reason = $"reload failed: {e.Message}" });
                }
                else
                {
                    _logger.ModelLoadFailed(name, e.Message);
                    Publish(new ModelEntry(name, ModelState.Unavailable, e.Message, null));
                }

                return e.Message;
            }

            Loaded?.Invoke(loaded);
            Publish(new ModelEntry(name, ModelState.Ready, string.Empty, loaded));
            previous?.Model?.Retire();
            var versions = string.Join(",", loaded.Runners.Keys);
            _logger.ModelLoaded(name, versions);
            return null;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops serving <paramref name="name"/>; in-flight requests finish on the old sessions.</summary>
    /// <returns>False when the repository does not know the model.</returns>
    public async Task<bool> UnloadAsync(string name, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = _entries.GetValueOrDefault(name);
            if (previous is null)
            {
                return false;
            }

            Publish(new ModelEntry(name, ModelState.Unavailable, "unloaded", null));
            previous.Model?.Retire();
            _logger.ModelUnloaded(name);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>True when <paramref name="name"/> is a model folder directly under the root.</summary>
    public bool HasFolder(string name) => IsValidName(name) && Directory.Exists(Path.Combine(Root, name));

    /// <summary>
    /// Model names are single folder names: no separators or dot-names, so a name from a request can never
    /// reach outside the repository.
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 255 && name != "." && name != ".."
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// Retires every model. Waits for a load in progress to finish first: exiting while ONNX Runtime is still
    /// creating a session on another thread crashed the process with SIGSEGV (4 of 24 runs when start-up
    /// failed on a taken port while the first models loaded; 0 of 48 with this wait).
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _writeLock.Wait();
        try
        {
            foreach (var entry in Interlocked.Exchange(ref _entries, _entries.Clear()).Values)
            {
                entry.Model?.Retire();
            }
        }
        finally
        {
            // Not disposed: a load queued behind us still needs to acquire it, see _disposed and return.
            _writeLock.Release();
        }
    }

    private IEnumerable<string> ModelFolders() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(IsValidName)
            : [];

    private void Publish(ModelEntry entry) => ImmutableInterlocked.Update(ref _entries, (d, e) => d.SetItem(e.Name, e), entry);
}
