using EdgeAi.Cloud.Service.Tests.Conformance;

namespace EdgeAi.IntegrationTests.Inference;

/// <summary>A temp copy of the shipped models/ repository (living_occupancy, living_occupancy_int8) with a node token issued by the real service.</summary>
internal sealed class ModelRepositoryCopy : IDisposable
{
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
        var (exitCode, stdout, stderr) = await ServiceProcess.RunToExitAsync(directory.Path, "token", "create", "node1", "--tokens-file", tokens);
        Assert.True(exitCode == 0, stderr);
        var tokenFile = Path.Combine(directory.Path, "node1.token");
        await File.WriteAllTextAsync(tokenFile, stdout.Trim() + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new ModelRepositoryCopy(directory, repository, tokens, tokenFile);
    }

    public Task<ServiceProcess> StartServiceAsync() =>
        ServiceProcess.StartAsync(Directory.Path, "--model-repository", Repository, "--tokens-file", TokensFile);

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
