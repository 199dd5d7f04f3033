namespace EdgeAi.Cloud.Client.Tests.Integration;

/// <summary>A fresh folder under the system temp folder, deleted on dispose (same as the service tests').</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgeai-client-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies the service tests' committed fixture repository into <c>{Path}/repository</c>.</summary>
    public string CopyFixtureRepository()
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "repository");
        var target = System.IO.Path.Combine(Path, "repository");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed a moment ago may still hold a file; the OS temp cleaner gets it later.
        }
    }
}
