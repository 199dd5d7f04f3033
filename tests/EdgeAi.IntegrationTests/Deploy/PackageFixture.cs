using System.Text.RegularExpressions;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The Native AOT binaries and Debian packages under test. scripts/test.sh builds them with scripts/publish.sh
/// into artifacts/ci (EDGEAI_CI_ARTIFACTS) before the test projects run; when a developer runs this project
/// alone and they are missing, the fixture builds them the same way.
/// </summary>
public sealed partial class PackageFixture : IAsyncLifetime
{
    public string Artifacts { get; } = Environment.GetEnvironmentVariable("EDGEAI_CI_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Repository.PathTo("artifacts", "ci");

    public string Version { get; private set; } = string.Empty;

    public string X64Package => Path.Combine(Artifacts, "deb", $"edgeai_{Version}_amd64.deb");

    public string Arm64Package => Path.Combine(Artifacts, "deb", $"edgeai_{Version}_arm64.deb");

    public string X64Tarball => Path.Combine(Artifacts, "tar", $"edgeai-{Version}-linux-x64.tar.gz");

    public string Binary(string rid) => Path.Combine(Artifacts, "publish", rid, "edgeai");

    public async Task InitializeAsync()
    {
        var props = await File.ReadAllTextAsync(Repository.PathTo("Directory.Build.props"));
        Version = VersionElement().Match(props).Groups[1].Value;
        // Artifacts from before a native library was shipped lack it next to the binary: they count as missing.
        var missing = new[] { "linux-x64", "linux-arm64" }
            .Where(rid => !File.Exists(Binary(rid))
                || PublishedNativeLibrariesTests.Libraries.Any(l => !File.Exists(Path.Combine(Path.GetDirectoryName(Binary(rid))!, l))))
            .ToList();
        if (missing.Count > 0 || !File.Exists(X64Package) || !File.Exists(Arm64Package) || !File.Exists(X64Tarball))
        {
            var publish = await Command.RunAsync(
                Repository.PathTo("scripts", "publish.sh"),
                ["--rid", "linux-x64", "--rid", "linux-arm64", "--no-fallback", "--out", Artifacts],
                TimeSpan.FromMinutes(20));
            Assert.True(publish.ExitCode == 0, publish.ToString());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
