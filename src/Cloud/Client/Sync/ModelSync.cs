using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeAi.Cloud.Client.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>
/// Polls the service for newer versions of the node's models and installs them only when everything checks:
/// signature over the manifest's exact bytes, manifest fields, a version above the current one, artifact size
/// and SHA-256 (of the very bytes handed to the activator), the activator's golden check, and a health check
/// after the swap (failing it rolls back). Any failure keeps the current model and is audited with its reason.
/// One poll at a time: <see cref="SyncOnceAsync"/> must not run concurrently with itself.
/// </summary>
public sealed class ModelSync
{
    private const int AuditCapacity = 200;
    private readonly DistributionClient _source;
    private readonly ManifestVerifier _verifier;
    private readonly IModelActivator _activator;
    private readonly ModelSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Queue<ModelSyncAuditRecord> _audit = new();

    // Offers already decided (model, version, manifest hash, signature): not downloaded or audited again every poll.
    private readonly HashSet<string> _decided = new(StringComparer.Ordinal);

    /// <summary>Creates the sync.</summary>
    public ModelSync(
        DistributionClient source, ManifestVerifier verifier, IModelActivator activator, ModelSyncOptions options, TimeProvider timeProvider, ILogger<ModelSync>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(activator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(options.WorkDirectory);
        _source = source;
        _verifier = verifier;
        _activator = activator;
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The most recent decisions (up to 200), oldest first.</summary>
    public IReadOnlyList<ModelSyncAuditRecord> AuditTrail
    {
        get
        {
            lock (_audit)
            {
                return [.. _audit];
            }
        }
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled; a failed poll is logged and retried next interval.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                ClientLog.SyncPollFailed(_logger, e);
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll: lists the offers and handles the highest version of each configured model.</summary>
    /// <returns>The decisions made in this poll (empty when nothing new was offered).</returns>
    public async Task<IReadOnlyList<ModelSyncAuditRecord>> SyncOnceAsync(CancellationToken cancellationToken = default)
    {
        var offers = await _source.ListAsync(cancellationToken).ConfigureAwait(false);
        var decisions = new List<ModelSyncAuditRecord>();
        foreach (var model in _options.Models)
        {
            var offer = offers.Where(o => string.Equals(o.Name, model, StringComparison.Ordinal)).MaxBy(o => o.Version);
            if (offer is null)
            {
                continue;
            }

            var current = _activator.CurrentVersion(model);
            if (offer.Version == current || !_decided.Add(OfferKey(offer)))
            {
                continue;
            }

            var record = await HandleAsync(offer, current, cancellationToken).ConfigureAwait(false);
            decisions.Add(record);
            await AuditAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return decisions;
    }

    private async Task<ModelSyncAuditRecord> HandleAsync(DistributionEntry offer, long current, CancellationToken cancellationToken)
    {
        ModelSyncAuditRecord Rejected(string reason) => new(_time.GetUtcNow(), offer.Name, offer.Version, ModelSyncOutcome.Rejected, reason);

        if (offer.Signature is null)
        {
            return Rejected("unsigned manifest");
        }

        if (!_verifier.Verify(offer.ManifestBytes.Span, offer.Signature))
        {
            return Rejected("signature does not verify with the configured public key");
        }

        ModelManifest manifest;
        try
        {
            manifest = ManifestReader.Parse(offer.ManifestBytes.Span);
        }
        catch (InvalidDataException e)
        {
            return Rejected(e.Message);
        }

        if (!string.Equals(manifest.Name, offer.Name, StringComparison.Ordinal) || manifest.Version != offer.Version)
        {
            return Rejected(string.Create(CultureInfo.InvariantCulture, $"the signed manifest is for {manifest.Name} version {manifest.Version}, offered as {offer.Name} version {offer.Version}"));
        }

        if (manifest.Version <= current)
        {
            return Rejected(string.Create(CultureInfo.InvariantCulture, $"version {manifest.Version} is not newer than the current version {current}"));
        }

        if (_options.RuntimeVersion is { } runtime
            && (!Version.TryParse(manifest.MinRuntimeVersion, out var needed) || needed > runtime))
        {
            return Rejected($"the model needs runtime {manifest.MinRuntimeVersion}, this node runs {runtime}");
        }

        if (manifest.Size > _options.MaxArtifactBytes)
        {
            return Rejected(string.Create(CultureInfo.InvariantCulture, $"artifact of {manifest.Size} bytes exceeds the limit of {_options.MaxArtifactBytes}"));
        }

        byte[] artifact;
        try
        {
            artifact = await DownloadAsync(manifest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // A failed download may succeed next poll: forget the offer so it is tried again.
            _decided.Remove(OfferKey(offer));
            return Rejected("download failed: " + e.Message);
        }

        if (artifact.LongLength != manifest.Size)
        {
            return Rejected(string.Create(CultureInfo.InvariantCulture, $"artifact is {artifact.LongLength} bytes, the manifest says {manifest.Size}"));
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(artifact)), manifest.Sha256, StringComparison.Ordinal))
        {
            return Rejected("artifact SHA-256 does not match the manifest");
        }

        try
        {
            await _activator.ActivateAsync(manifest, artifact, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            return Rejected("activation failed: " + e.Message);
        }

        bool healthy;
        try
        {
            healthy = await _activator.IsHealthyAsync(manifest.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            healthy = false;
            ClientLog.SyncPollFailed(_logger, e);
        }

        if (!healthy)
        {
            await _activator.RollbackAsync(manifest.Name, cancellationToken).ConfigureAwait(false);
            return new ModelSyncAuditRecord(_time.GetUtcNow(), manifest.Name, manifest.Version, ModelSyncOutcome.RolledBack, "health check failed after the swap");
        }

        return new ModelSyncAuditRecord(_time.GetUtcNow(), manifest.Name, manifest.Version, ModelSyncOutcome.Activated, null);
    }

    private async Task<byte[]> DownloadAsync(ModelManifest manifest, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_options.WorkDirectory);
        }
        else
        {
            Directory.CreateDirectory(_options.WorkDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var partial = Path.Combine(_options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"{manifest.Name}-{manifest.Version}-{Guid.NewGuid():N}.part"));
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(partial, create);
        await using (file.ConfigureAwait(false))
        {
            // One byte over the manifest's size is enough to prove a mismatch without reading an endless stream.
            await _source.DownloadAsync(manifest.Name, manifest.Version, file, manifest.Size + 1, cancellationToken).ConfigureAwait(false);
            file.Position = 0;

            // The bytes hashed are the bytes activated (read once into memory), so nothing can swap the file in between.
            var bytes = new byte[file.Length];
            await file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
    }

    private async Task AuditAsync(ModelSyncAuditRecord record, CancellationToken cancellationToken)
    {
        lock (_audit)
        {
            _audit.Enqueue(record);
            while (_audit.Count > AuditCapacity)
            {
                _audit.Dequeue();
            }
        }

        switch (record.Outcome)
        {
            case ModelSyncOutcome.Activated:
                ClientLog.ModelActivated(_logger, record.Model, record.Version);
                break;
            case ModelSyncOutcome.RolledBack:
                ClientLog.ModelRolledBack(_logger, record.Model, record.Version);
                break;
            default:
                ClientLog.ModelRejected(_logger, record.Model, record.Version, record.Reason ?? string.Empty);
                break;
        }

        if (_options.AuditFile is { } path)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp", record.Timestamp);
                writer.WriteString("model", record.Model);
                writer.WriteNumber("version", record.Version);
                writer.WriteString("outcome", record.Outcome.ToString());
                writer.WriteString("reason", record.Reason);
                writer.WriteEndObject();
            }

            var line = new byte[buffer.WrittenCount + 1];
            buffer.WrittenSpan.CopyTo(line);
            line[^1] = (byte)'\n';
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string OfferKey(DistributionEntry offer) =>
        string.Create(CultureInfo.InvariantCulture, $"{offer.Name}/{offer.Version}/{Convert.ToHexString(SHA256.HashData(offer.ManifestBytes.Span))}/{offer.Signature}");
}
