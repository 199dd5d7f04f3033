using EdgeAi.Cloud.Service.Tests.Conformance;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>A temp copy of the shipped models/ repository (living_occupancy, living_occupancy_int8) with a token for node <c>demo</c> issued by the real service.</summary>
internal sealed class ModelRepositoryCopy : IDisposable
{
    /// <summary>The node the token is issued to (the service takes a node's identity from its token's name).</summary>
    public const string NodeId = "demo";

    private ModelRepositoryCopy(TempDirectory directory, string repository, string tokens, string tokenFile)
    {
        Directory = directory;
        Repository = repository;
        TokensFile = tokens;
        TokenFile = tokenFile;
    }

    public TempDirectory Directory { get; }

    public string Repository { get; }

    public string TokensFile { get; }

    public string TokenFile { get; }

    public static async Task<ModelRepositoryCopy> CreateAsync()
    {
        var directory = new TempDirectory();
        var repository = Path.Combine(directory.Path, "repository");
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "models"), repository);
        var tokens = Path.Combine(directory.Path, "tokens");
        var (exitCode, stdout, stderr) = await ServiceProcess.RunToExitAsync(directory.Path, "token", "create", NodeId, "--tokens-file", tokens);
        Assert.True(exitCode == 0, stderr);
        var tokenFile = Path.Combine(directory.Path, NodeId + ".token");
        await File.WriteAllTextAsync(tokenFile, stdout.Trim() + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new ModelRepositoryCopy(directory, repository, tokens, tokenFile);
    }

    public string TelemetryDatabase => Path.Combine(Directory.Path, "telemetry.db");

    public Task<ServiceProcess> StartServiceAsync() =>
        ServiceProcess.StartAsync(Directory.Path, "--model-repository", Repository, "--tokens-file", TokensFile, "--telemetry-db", TelemetryDatabase);

    public void Dispose() => Directory.Dispose();

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
