using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeAi.Cloud.Service.Logging;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Distribution;

/// <summary>
/// Finds the versions in the repository that carry a <c>manifest.json</c> and whose artifact matches it
/// (size and SHA-256). A version whose manifest disagrees with its file is not offered (and the reason is
/// logged), so a node is never told to expect bytes the service would not send. Thread-safe.
/// </summary>
internal sealed class DistributionCatalog
{
    /// <summary>Manifest file name inside a version folder.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Signature file name inside a version folder.</summary>
    public const string SignatureFile = "manifest.sig";

    private readonly string _root;
    private readonly ILogger<DistributionCatalog> _logger;

    // Hashing a large artifact on every listing would be slow: remember it per (path, size, write time).
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Written), string> _hashes = new();

    /// <summary>Creates a catalog over the repository folder <paramref name="root"/>.</summary>
    public DistributionCatalog(string root, ILogger<DistributionCatalog> logger)
    {
        _root = Path.GetFullPath(root);
        _logger = logger;
    }

    /// <summary>Every distributable version, by model name then version.</summary>
    public IReadOnlyList<DistributedVersion> List()
    {
        var result = new List<DistributedVersion>();
        foreach (var model in Directory.EnumerateDirectories(_root).Select(Path.GetFileName).OfType<string>().Where(ModelRepository.IsValidName).Order(StringComparer.Ordinal))
        {
            var versions = Directory.EnumerateDirectories(Path.Combine(_root, model)).Select(Path.GetFileName).OfType<string>()
                .Where(ModelLoader.IsVersionFolder).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).Order();
            foreach (var version in versions)
            {
                if (TryGet(model, version, out var entry))
                {
                    result.Add(entry);
                }
            }
        }

        return result;
    }

    /// <summary>The distributable version <paramref name="version"/> of <paramref name="model"/>, if it has a consistent manifest.</summary>
    public bool TryGet(string model, long version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DistributedVersion? entry)
    {
        entry = null;
        if (!ModelRepository.IsValidName(model) || version <= 0)
        {
            return false;
        }

        var folder = Path.Combine(_root, model, version.ToString(CultureInfo.InvariantCulture));
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        try
        {
            var bytes = File.ReadAllBytes(manifestPath);
            var manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ModelManifest)
                ?? throw new InvalidDataException("manifest.json is null");
            var artifact = Check(manifest, model, version, folder);
            var signaturePath = Path.Combine(folder, SignatureFile);
            var signature = File.Exists(signaturePath) ? File.ReadAllText(signaturePath).Trim() : null;
            entry = new DistributedVersion(manifest, bytes, signature, artifact);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _logger.ManifestRejected(model, version, e.Message);
            return false;
        }
    }

    private string Check(ModelManifest manifest, string model, long version, string folder)
    {
        if (!string.Equals(manifest.Name, model, StringComparison.Ordinal) || manifest.Version != version)
        {
            throw new InvalidDataException($"manifest says {manifest.Name} version {manifest.Version}, the folder is {model}/{version}");
        }

        if (manifest.File.Length == 0 || manifest.File != Path.GetFileName(manifest.File) || manifest.File is "." or "..")
        {
            throw new InvalidDataException($"manifest file '{manifest.File}' must be a plain file name");
        }

        var artifact = Path.Combine(folder, manifest.File);
        var info = new FileInfo(artifact);
        if (!info.Exists)
        {
            throw new InvalidDataException($"artifact '{manifest.File}' does not exist");
        }

        if (info.Length != manifest.Size)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"artifact is {info.Length} bytes, manifest says {manifest.Size}"));
        }

        var hash = _hashes.GetOrAdd((artifact, info.Length, info.LastWriteTimeUtc), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
        if (!string.Equals(hash, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"artifact SHA-256 is {hash}, manifest says {manifest.Sha256}");
        }

        return artifact;
    }
}
