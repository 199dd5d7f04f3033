namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// The x64 .deb from scripts/publish.sh installed with dpkg into a <see cref="ThrowawayRoot"/>: the maintainer
/// scripts run for real, then the installed <c>edgeai</c> runs from the package's files.
/// </summary>
[Collection(nameof(PackageArtifacts))]
public sealed class DebianPackageTests(PackageFixture package)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Package_Metadata_IsAmd64WithConffileAndMaintainerScripts()
    {
        var info = await Command.RunAsync("dpkg-deb", ["--field", package.X64Package, "Package", "Architecture", "Version", "Depends"], Patience);
        var contents = await Command.RunAsync("dpkg-deb", ["--contents", package.X64Package], Patience);
        var conffiles = await Command.RunAsync("dpkg-deb", ["--info", package.X64Package, "conffiles"], Patience);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("Package: edgeai", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Architecture: amd64", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Version: {package.Version}", info.StandardOutput, StringComparison.Ordinal);
        // The Native AOT binary needs glibc 2.34 or later (the newest symbol version it references here).
        // ONNX Runtime's libonnxruntime.so adds libstdc++ and libgcc_s; .NET's crypto shim dlopen()s OpenSSL 3.
        Assert.Matches(@"Depends: libc6 \(>= 2\.[0-9]+\), libstdc\+\+6 \(>= 6\), libgcc-s1 \| libgcc1, libssl3 \| libssl3t64, adduser", info.StandardOutput);
        Assert.Contains("./usr/lib/edgeai/edgeai", contents.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/edgeai -> ../lib/edgeai/edgeai", contents.StandardOutput, StringComparison.Ordinal);
        foreach (var library in PublishedNativeLibrariesTests.Libraries)
        {
            Assert.Contains($"./usr/lib/edgeai/{library}", contents.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("./usr/lib/systemd/system/edgeai.service", contents.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("root/root", contents.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("/etc/edgeai/edgeai.json", conffiles.StandardOutput.Trim());
    }

    [Fact]
    public async Task Install_IntoThrowawayRoot_CreatesUserAndRunsInstalledEdgeai()
    {
        var result = await ThrowawayRoot.RunAsync($$"""
            dpkg --root="$ROOT" --install '{{package.X64Package}}'
            echo "status=$(dpkg-query --root="$ROOT" --show --showformat='${db:Status-Status}' edgeai)"
            echo "version=$(chroot "$ROOT" /usr/bin/edgeai --version)"
            echo "user=$(chroot "$ROOT" getent passwd edgeai | cut -d: -f1,6,7)"
            # stat inside the chroot: the edgeai user exists only in the clone's /etc/passwd.
            echo "config=$(chroot "$ROOT" stat -c '%a %U:%G' /etc/edgeai/edgeai.json)"
            echo "configdir=$(chroot "$ROOT" stat -c '%a %U:%G' /etc/edgeai)"
            echo "state=$(chroot "$ROOT" stat -c '%a %U:%G' /var/lib/edgeai)"
            echo "groups=$(chroot "$ROOT" getent group gpio i2c | cut -d: -f1 | tr '\n' ' ')"
            systemd-analyze verify --root="$ROOT" edgeai.service
            echo "verify=$?"
            """, Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        string[] expected =
        [
            "status=installed",
            $"version={package.Version}+",
            "user=edgeai:/var/lib/edgeai:/usr/sbin/nologin",
            "config=640 root:edgeai",
            "configdir=750 root:edgeai",
            "state=700 edgeai:edgeai",
            "groups=gpio i2c ",
            "verify=0",
        ];
        foreach (var line in expected)
        {
            Assert.True(lines.Any(l => l.StartsWith(line, StringComparison.Ordinal)), $"expected a line starting '{line}'; {result}");
        }
    }

    /// <summary>
    /// The installed binary, started through the /usr/bin symlink, finds the native libraries in /usr/lib/edgeai:
    /// ONNX Runtime (model bench), Skia (simulate --report) and SQLite (the outbox of a node with Cloud:Url).
    /// </summary>
    [Fact]
    public async Task Install_IntoThrowawayRoot_InstalledEdgeaiLoadsOnnxRuntimeSkiaAndSqlite()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx");
        var mlp = Path.Combine(fixtures, "qdq_mlp.onnx");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(mlp)));
        var result = await ThrowawayRoot.RunAsync($$"""
            dpkg --root="$ROOT" --install '{{package.X64Package}}'
            cp '{{Path.Combine(fixtures, "qdq_cnn1d.onnx")}}' '{{mlp}}' "$ROOT/tmp/"
            chroot "$ROOT" /usr/bin/edgeai model bench /tmp/qdq_cnn1d.onnx --engine ort --runs 20 --json
            echo
            chroot "$ROOT" /usr/bin/edgeai simulate --time-scale max --duration 1h --mqtt-port 18841 --data-dir /tmp/report-node --report /tmp/report >/dev/null
            echo "png=$(head -c 4 "$ROOT/tmp/report/heating-day.png" | tail -c 3)"
            chroot "$ROOT" env EDGEAI_Inference__Model=/tmp/qdq_mlp.onnx EDGEAI_Inference__Sha256={{sha256}} EDGEAI_Inference__Window=2               EDGEAI_Cloud__Url=http://127.0.0.1:9 EDGEAI_Health__Port=0               /usr/bin/edgeai simulate --time-scale max --duration 30m --mqtt-port 18842 --data-dir /tmp/cloud-node >/dev/null
            echo "outbox=$(head -c 15 "$ROOT/tmp/cloud-node/outbox.db")"
            """, Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"engine\":\"onnxruntime\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("png=PNG", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("outbox=SQLite format 3", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_AfterInstall_LeavesNoUserConfigStateOrBinary()
    {
        var result = await ThrowawayRoot.RunAsync($$"""
            dpkg --root="$ROOT" --install '{{package.X64Package}}'
            echo 'EDGEAI_Node__NodeId=porch' > "$ROOT/etc/edgeai/edgeai.env"
            touch "$ROOT/var/lib/edgeai/state.json"
            dpkg --root="$ROOT" --purge edgeai
            echo "status=$(dpkg-query --root="$ROOT" --show --showformat='${db:Status-Status}' edgeai 2>/dev/null || echo gone)"
            for path in /etc/edgeai /var/lib/edgeai /usr/lib/edgeai /usr/bin/edgeai /usr/lib/systemd/system/edgeai.service; do
              if [ -e "$ROOT$path" ] || [ -L "$ROOT$path" ]; then echo "left=$path"; fi
            done
            chroot "$ROOT" getent passwd edgeai && echo "left=user" || true
            chroot "$ROOT" getent group edgeai && echo "left=group" || true
            echo done
            """, Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("done", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("left=", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches("status=(gone|not-installed)\n", result.StandardOutput);
    }
}
