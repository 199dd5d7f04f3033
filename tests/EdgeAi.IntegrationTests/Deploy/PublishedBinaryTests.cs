namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>The Native AOT binaries scripts/publish.sh builds, checked as the acceptance asks.</summary>
[Collection(nameof(PackageArtifacts))]
public sealed class PublishedBinaryTests(PackageFixture package)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Arm64Binary_File_IsAnArmAarch64Elf()
    {
        var file = await Command.RunAsync("file", ["--brief", package.Binary("linux-arm64")], Patience);

        Assert.True(file.ExitCode == 0, file.ToString());
        Assert.StartsWith("ELF 64-bit LSB", file.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ARM aarch64", file.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arm64Binary_UnderQemu_PrintsTheVersion()
    {
        var run = await Command.RunAsync("qemu-aarch64-static", ["-L", "/usr/aarch64-linux-gnu", package.Binary("linux-arm64"), "--version"], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith(package.Version, run.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>A Raspberry Pi 4's Cortex-A72 has no dot-product instructions: the arm64 binary must still start there.</summary>
    [Fact]
    public async Task Arm64Binary_OnCortexA72WithoutDotProduct_PrintsTheVersion()
    {
        var run = await Command.RunAsync("qemu-aarch64-static", ["-cpu", "cortex-a72", "-L", "/usr/aarch64-linux-gnu", package.Binary("linux-arm64"), "--version"], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith(package.Version, run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X64Binary_NativeAot_PrintsTheVersion()
    {
        var binary = package.Binary("linux-x64");
        var run = await Command.RunAsync(binary, ["--version"], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith(package.Version, run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("aot", (await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(binary)!, "BUILD-MODE"))).Trim());
        // A self-contained single-file build carries the runtime and IL (over 60 MB); Native AOT is about 10 MB.
        Assert.InRange(new FileInfo(binary).Length, 1, 30L * 1024 * 1024);
    }

    // The native libraries next to the binary (ONNX Runtime, SQLite, Skia, HarfBuzz): PublishedNativeLibrariesTests.

    [Fact]
    public async Task Arm64Package_Metadata_IsArm64()
    {
        var info = await Command.RunAsync("dpkg-deb", ["--field", package.Arm64Package, "Architecture"], Patience);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal("arm64", info.StandardOutput.Trim());
    }
}
