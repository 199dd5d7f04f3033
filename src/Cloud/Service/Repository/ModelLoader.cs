using System.Globalization;
using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// Loads one model folder of a Triton-style repository: <c>config.pbtxt</c> plus numeric version folders,
/// each with the model file (Triton model_repository.md, "Repository Layout").
/// </summary>
internal sealed class ModelLoader
{
    private readonly IModelRunnerFactory _factory;
    private readonly TimeProvider _time;

    /// <summary>Creates a loader that opens model files with <paramref name="factory"/>; batchers read <paramref name="time"/>.</summary>
    public ModelLoader(IModelRunnerFactory factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
    }

    /// <summary>Loads <paramref name="folder"/> completely or not at all.</summary>
    /// <exception cref="ModelLoadException">Anything is wrong; nothing stays open.</exception>
    public LoadedModel Load(string folder)
    {
        var name = Path.GetFileName(folder);
        var configPath = Path.Combine(folder, "config.pbtxt");
        if (!File.Exists(configPath))
        {
            throw new ModelLoadException("config.pbtxt is missing");
        }

        var config = ModelConfigReader.Read(name, File.ReadAllText(configPath));
        var available = Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(IsVersionFolder).Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var missing = config.VersionPolicy.Kind == VersionPolicyKind.Specific
            ? config.VersionPolicy.Versions.Where(v => !available.Contains(v)).ToList()
            : [];
        if (missing.Count > 0)
        {
            throw new ModelLoadException($"version_policy lists version(s) {string.Join(", ", missing)} with no folder");
        }

        var versions = config.VersionPolicy.Select(available);
        if (versions.Count == 0)
        {
            throw new ModelLoadException("no numeric version folder to serve");
        }

        var runners = new SortedDictionary<long, IModelRunner>();
        try
        {
            foreach (var version in versions)
            {
                var versionText = version.ToString(CultureInfo.InvariantCulture);
                var runner = _factory.Create(Path.Combine(folder, versionText, config.ModelFileName));
                runners.Add(version, runner);
                try
                {
                    config = ConfigModelMatcher.Match(config, runner);
                }
                catch (ModelLoadException e)
                {
                    throw new ModelLoadException($"version {versionText}: {e.Message}", e);
                }
            }

            return new LoadedModel(config, runners, _time);
        }
        catch
        {
            foreach (var runner in runners.Values)
            {
                runner.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Triton ignores version folders that are not a positive number or that start with 0 (model_repository.md).
    /// </summary>
    public static bool IsVersionFolder(string name) =>
        name.Length is > 0 and < 19 && name[0] != '0' && name.All(char.IsAsciiDigit);
}
