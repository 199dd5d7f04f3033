using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The native libraries the Native AOT binary loads (ONNX Runtime, SQLite, Skia, HarfBuzz), shipped next to it by
/// scripts/publish.sh, and the published x64 binary exercising each of them: ONNX Runtime (<c>model bench</c>),
/// Skia (<c>simulate --report</c>) and SQLite (the telemetry outbox of a node with <c>Cloud:Url</c>), also as an
/// unprivileged user under strace against deploy/systemd/edgeai.service's SystemCallFilter= and
/// MemoryDenyWriteExecute=.
/// </summary>
[Collection(nameof(PackageArtifacts))]
public sealed partial class PublishedNativeLibrariesTests(PackageFixture package)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>What publish.sh ships next to edgeai (the publish dir, the tarball, /usr/lib/edgeai in the .deb).</summary>
    public static readonly string[] Libraries = ["libonnxruntime.so", "libe_sqlite3.so", "libSkiaSharp.so", "libHarfBuzzSharp.so"];

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx");

    public static TheoryData<string, string, string> LibrariesPerRid()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (rid, architecture) in new[] { ("linux-x64", "x86-64"), ("linux-arm64", "ARM aarch64") })
        {
            foreach (var library in Libraries)
            {
                data.Add(rid, library, architecture);
            }
        }

        return data;
    }

    public static TheoryData<string, string> LibraryFilesPerRid()
    {
        var data = new TheoryData<string, string>();
        foreach (var rid in new[] { "linux-x64", "linux-arm64" })
        {
            foreach (var library in Libraries)
            {
                data.Add(rid, library);
            }
        }

        return data;
    }

    /// <summary>The arm64 libraries are only checked, not run: ONNX Runtime does not start under qemu user emulation.</summary>
    [Theory]
    [MemberData(nameof(LibrariesPerRid))]
    public async Task Publish_NativeLibrary_SitsNextToTheBinaryForItsArchitecture(string rid, string library, string architecture)
    {
        var path = Path.Combine(Path.GetDirectoryName(package.Binary(rid))!, library);
        var file = await Command.RunAsync("file", ["--brief", "--dereference", path], Patience);

        Assert.True(file.ExitCode == 0, file.ToString());
        Assert.StartsWith("ELF 64-bit LSB shared object", file.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(architecture, file.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// MemoryDenyWriteExecute=yes refuses an executable stack and text relocations (both need a writable and
    /// executable mapping when the library is loaded), so none of the shipped libraries may ask for either.
    /// </summary>
    [Theory]
    [MemberData(nameof(LibraryFilesPerRid))]
    public async Task Publish_NativeLibrary_NeedsNoExecutableStackOrTextRelocations(string rid, string library)
    {
        var path = Path.Combine(Path.GetDirectoryName(package.Binary(rid))!, library);
        var headers = await Command.RunAsync("readelf", ["--wide", "--program-headers", "--dynamic", path], Patience);

        Assert.True(headers.ExitCode == 0, headers.ToString());
        var stack = headers.StandardOutput.Split('\n').Single(l => l.TrimStart().StartsWith("GNU_STACK", StringComparison.Ordinal));
        Assert.Contains(" RW ", stack, StringComparison.Ordinal);
        Assert.DoesNotContain("RWE", stack, StringComparison.Ordinal);
        Assert.DoesNotContain("TEXTREL", headers.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ort", "onnxruntime")]
    [InlineData("native", "native")]
    public async Task X64Binary_ModelBench_RunsOnEitherEngine(string engine, string reported)
    {
        var run = await Command.RunAsync(
            package.Binary("linux-x64"),
            ["model", "bench", Path.Combine(Fixtures, "qdq_cnn1d.onnx"), "--engine", engine, "--runs", "20", "--json"],
            Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(reported, json.RootElement.GetProperty("engine").GetString());
        Assert.Equal(20, json.RootElement.GetProperty("runs").GetInt32());
        Assert.True(json.RootElement.GetProperty("median_us").GetDouble() > 0, run.ToString());
    }

    [Fact]
    public async Task X64Binary_SimulateWithReport_WritesThePng()
    {
        using var directory = new TemporaryDirectory();
        var report = Path.Combine(directory.Path, "report");

        var run = await Command.RunAsync(package.Binary("linux-x64"), [.. SimulateArguments(directory.Path), "--report", report], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        var png = await File.ReadAllBytesAsync(Path.Combine(report, "heating-day.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
    }

    /// <summary>A node with Cloud:Url (here a closed port) keeps its telemetry in SQLite: the outbox is created at start.</summary>
    [Fact]
    public async Task X64Binary_NodeWithCloudUrl_CreatesItsOutboxDatabase()
    {
        using var directory = new TemporaryDirectory();

        var run = await Command.RunAsync("env", [.. CloudNodeEnvironment(), package.Binary("linux-x64"), .. SimulateArguments(directory.Path)], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("telemetry on", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        var outbox = await File.ReadAllBytesAsync(Path.Combine(directory.Path, "data", "outbox.db"));
        Assert.Equal("SQLite format 3\0"u8.ToArray(), outbox[..16]);
    }

    /// <summary>
    /// The unit cannot run here (no systemd as PID 1), so its two filters that can break a native library are
    /// checked against what the binary really does: as an unprivileged user (the unit's User=edgeai), ONNX
    /// Runtime (bench and on-device decisions), SQLite (the outbox) and Skia (the report) make only system calls
    /// in SystemCallFilter=@system-service minus ~@privileged @resources, and never map or protect memory both
    /// writable and executable, nor make it executable later (MemoryDenyWriteExecute=yes).
    /// </summary>
    [Fact]
    public async Task X64Binary_UnprivilegedUnderStrace_StaysInsideTheUnitsSyscallFilterAndWriteXorExecute()
    {
        using var directory = new TemporaryDirectory();
        var bin = Path.GetDirectoryName(package.Binary("linux-x64"))!;
        var env = string.Join(' ', CloudNodeEnvironment().Select(e => $"'{e}'"));
        var script = $$"""
            set -eu
            d='{{directory.Path}}'
            chmod 0755 "$d"
            mkdir "$d/app" "$d/data"
            cp '{{bin}}/edgeai' {{string.Join(' ', Libraries.Select(l => $"'{bin}/{l}'"))}} '{{Path.Combine(Fixtures, "qdq_cnn1d.onnx")}}' "$d/app/"
            chmod -R a+rX "$d/app"
            chown nobody "$d/data"
            cd "$d/data"
            run() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$d/data" "$@"; }
            run strace -f -qq -o "$d/data/bench.trace" "$d/app/edgeai" model bench "$d/app/qdq_cnn1d.onnx" --engine ort --runs 20 --json
            run strace -f -qq -o "$d/data/node.trace" env {{env}} EDGEAI_Inference__Engine=onnxruntime \
              "$d/app/edgeai" {{string.Join(' ', SimulateArguments("$d").Select(a => $"\"{a}\""))}} --report "$d/data/report"
            test -s "$d/data/report/heating-day.png"
            test -s "$d/data/outbox.db"
            echo done
            """;

        var run = await Command.RunAsync("sh", ["-c", script], Patience);

        Assert.True(run.ExitCode == 0, run.ToString());
        var trace = await File.ReadAllTextAsync(Path.Combine(directory.Path, "data", "bench.trace"))
            + await File.ReadAllTextAsync(Path.Combine(directory.Path, "data", "node.trace"));
        Assert.Contains("libonnxruntime.so\", O_RDONLY", trace, StringComparison.Ordinal);
        Assert.Contains("libe_sqlite3.so\", O_RDONLY", trace, StringComparison.Ordinal);
        Assert.Contains("libSkiaSharp.so\", O_RDONLY", trace, StringComparison.Ordinal);

        var writableAndExecutable = trace.Split('\n').Where(l => WriteExecute().IsMatch(l)).ToList();
        Assert.True(writableAndExecutable.Count == 0, string.Join('\n', writableAndExecutable));

        var groups = await SyscallGroupsAsync();
        var allowed = Expand("@system-service", groups);
        var denied = Expand("@privileged", groups).Union(Expand("@resources", groups)).ToHashSet();
        var used = trace.Split('\n').Select(l => Syscall().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToHashSet();
        var refused = used.Where(s => !allowed.Contains(s) || denied.Contains(s)).Order().ToList();
        Assert.True(refused.Count == 0, $"outside the unit's SystemCallFilter=: {string.Join(' ', refused)}");
    }

    /// <summary>Environment of a simulated node with an on-device model (4 features x window 2 = qdq_mlp's 8 inputs) and Cloud:Url on a closed port.</summary>
    private static string[] CloudNodeEnvironment()
    {
        var model = Path.Combine(Fixtures, "qdq_mlp.onnx");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model)));
        return
        [
            $"EDGEAI_Inference__Model={model}",
            $"EDGEAI_Inference__Sha256={sha256}",
            "EDGEAI_Inference__Window=2",
            "EDGEAI_Cloud__Url=http://127.0.0.1:9",
            "EDGEAI_Health__Port=0",
        ];
    }

    private static string[] SimulateArguments(string directory) =>
    [
        "simulate", "--time-scale", "max", "--duration", "1h",
        "--mqtt-port", EdgeAi.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--data-dir", Path.Combine(directory, "data"),
    ];

    /// <summary>systemd's syscall groups (<c>systemd-analyze syscall-filter</c>): group name to members, which may be groups.</summary>
    private static async Task<Dictionary<string, List<string>>> SyscallGroupsAsync()
    {
        var list = await Command.RunAsync("systemd-analyze", ["syscall-filter", "--no-pager"], Patience);
        Assert.True(list.ExitCode == 0, list.ToString());
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in list.StandardOutput.Split('\n'))
        {
            var line = raw.Trim();
            if (raw.StartsWith('@'))
            {
                current = groups[line] = [];
            }
            else if (current is not null && line.Length > 0 && !line.StartsWith('#'))
            {
                current.Add(line);
            }
        }

        return groups;
    }

    private static HashSet<string> Expand(string group, Dictionary<string, List<string>> groups)
    {
        Assert.True(groups.ContainsKey(group), $"systemd-analyze lists no {group}");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in groups[group])
        {
            if (member.StartsWith('@'))
            {
                names.UnionWith(Expand(member, groups));
            }
            else
            {
                names.Add(member);
            }
        }

        return names;
    }

    // strace -f lines: "<pid>  <name>(<args>) = <result>"; "<... name resumed>" continues an earlier line.
    [GeneratedRegex(@"^\d+\s+(?<name>[a-z0-9_]+)\(")]
    private static partial Regex Syscall();

    // What MemoryDenyWriteExecute=yes refuses: mmap with PROT_WRITE and PROT_EXEC, mprotect/pkey_mprotect adding PROT_EXEC.
    [GeneratedRegex(@"^\d+\s+(mmap\([^)]*PROT_WRITE\|PROT_EXEC|mmap\([^)]*PROT_EXEC\|PROT_WRITE|(pkey_)?mprotect\([^)]*PROT_EXEC)")]
    private static partial Regex WriteExecute();

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("edgeai-native-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
