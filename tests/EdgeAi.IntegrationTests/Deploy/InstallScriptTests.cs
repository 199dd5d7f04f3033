namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>deploy/install.sh from the x64 tarball, run as root in a <see cref="ThrowawayRoot"/>.</summary>
[Collection(nameof(PackageArtifacts))]
public sealed class InstallScriptTests(PackageFixture package)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task InstallScript_InstallUpgradePurge_LaysOutLikeThePackageKeepsConfigAndCleansUp()
    {
        var name = Path.GetFileName(package.X64Tarball).Replace(".tar.gz", string.Empty, StringComparison.Ordinal);
        var result = await ThrowawayRoot.RunAsync($$"""
            tar -C "$ROOT/tmp" -xzf '{{package.X64Tarball}}'
            chroot "$ROOT" /tmp/{{name}}/install.sh
            echo "version=$(chroot "$ROOT" edgeai --version)"
            echo "user=$(chroot "$ROOT" getent passwd edgeai | cut -d: -f1,6,7)"
            for lib in {{string.Join(' ', PublishedNativeLibrariesTests.Libraries)}}; do
              echo "lib=$lib $(chroot "$ROOT" stat -c '%a' /usr/lib/edgeai/$lib)"
            done
            echo "config=$(chroot "$ROOT" stat -c '%a %U:%G' /etc/edgeai/edgeai.json)"
            echo "state=$(chroot "$ROOT" stat -c '%a %U:%G' /var/lib/edgeai)"
            systemd-analyze verify --root="$ROOT" edgeai.service
            echo "verify=$?"
            echo '// edited here' >> "$ROOT/etc/edgeai/edgeai.json"
            chroot "$ROOT" /tmp/{{name}}/install.sh
            echo "kept=$(grep -c '// edited here' "$ROOT/etc/edgeai/edgeai.json")"
            chroot "$ROOT" /tmp/{{name}}/install.sh --purge
            for path in /etc/edgeai /var/lib/edgeai /usr/lib/edgeai /usr/bin/edgeai /usr/lib/systemd/system/edgeai.service; do
              if [ -e "$ROOT$path" ] || [ -L "$ROOT$path" ]; then echo "left=$path"; fi
            done
            chroot "$ROOT" getent passwd edgeai && echo "left=user" || true
            echo done
            """, Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        string[] expected =
        [
            $"version={package.Version}+",
            "user=edgeai:/var/lib/edgeai:/usr/sbin/nologin",
            .. PublishedNativeLibrariesTests.Libraries.Select(l => $"lib={l} 644"),
            "config=640 root:edgeai",
            "state=700 edgeai:edgeai",
            "verify=0",
            "kept=1",
            "done",
        ];
        foreach (var line in expected)
        {
            Assert.True(lines.Any(l => l.StartsWith(line, StringComparison.Ordinal)), $"expected a line starting '{line}'; {result}");
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("left=", StringComparison.Ordinal));
    }
}
