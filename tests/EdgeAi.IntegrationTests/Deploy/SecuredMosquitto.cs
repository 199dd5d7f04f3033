using EdgeAi.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// mosquitto running deploy/mosquitto/edgeai.conf and acl as shipped, with only the paths (to a temporary
/// directory), the two ports (free ones) and persistence (off) rewritten; a self-signed certificate for
/// localhost and a password file for <c>homeassistant</c> and the node <c>kitchen</c>. Started as root, it drops
/// to the mosquitto user like the Debian service, so the files are root:mosquitto 0640 as the README says.
/// </summary>
public sealed class SecuredMosquitto : IAsyncDisposable
{
    public const string HomeAssistantPassword = "ha-secret";
    public const string NodePassword = "kitchen-secret";

    private readonly string _directory;
    private readonly Process _process;

    private SecuredMosquitto(string directory, int tlsPort, int plainPort, Process process)
    {
        _directory = directory;
        TlsPort = tlsPort;
        PlainPort = plainPort;
        _process = process;
    }

    public int TlsPort { get; }

    public int PlainPort { get; }

    public string CaFile => Path.Combine(_directory, "server.crt");

    public static async Task<SecuredMosquitto> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("edgeai-secured-mosquitto-").FullName;
        int tls = FreePort.Next(), plain = FreePort.Next();
        var setup = await Command.RunAsync("sh", ["-euc", """
            d=$1 tls=$2 plain=$3
            cp deploy/mosquitto/acl "$d/acl"
            sed -e "s#/etc/mosquitto/edgeai/#$d/#g" \
                -e "s/^listener 8883\$/listener $tls/" \
                -e "s/^listener 1883 127.0.0.1\$/listener $plain 127.0.0.1/" \
                -e "s/^persistence true\$/persistence false/" \
                deploy/mosquitto/edgeai.conf > "$d/mosquitto.conf"
            grep -q "^listener $tls\$" "$d/mosquitto.conf"
            grep -q "^listener $plain 127.0.0.1\$" "$d/mosquitto.conf"
            echo "log_dest stderr" >> "$d/mosquitto.conf"
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
              -addext subjectAltName=DNS:localhost -keyout "$d/server.key" -out "$d/server.crt" 2>/dev/null
            mosquitto_passwd -c -b "$d/passwd" homeassistant "$4"
            mosquitto_passwd -b "$d/passwd" kitchen "$5"
            chown -R root:mosquitto "$d"
            chmod 0750 "$d"
            chmod 0640 "$d"/*
            """, "setup", directory, tls.ToString(CultureInfo.InvariantCulture), plain.ToString(CultureInfo.InvariantCulture), HomeAssistantPassword, NodePassword],
            TimeSpan.FromMinutes(1));
        Assert.True(setup.ExitCode == 0, setup.ToString());

        var executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = Process.Start(new ProcessStartInfo(executable, ["-c", Path.Combine(directory, "mosquitto.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new SecuredMosquitto(directory, tls, plain, process);
        await broker.WaitForPortAsync(tls);
        return broker;
    }

    /// <summary>mosquitto_pub over TLS (QoS 1, retained) as <paramref name="user"/>.</summary>
    public Task<CommandResult> PublishRetainedAsync(string user, string password, string topic, string payload) =>
        Command.RunAsync("mosquitto_pub", [.. Tls, "-u", user, "-P", password, "-q", "1", "-r", "-t", topic, "-m", payload], TimeSpan.FromSeconds(30));

    /// <summary>
    /// What <paramref name="user"/> receives on subscribing to everything: the retained messages it may read,
    /// delivered at once; the 2 s wait only ends the subscription.
    /// </summary>
    public async Task<string> RetainedVisibleToAsync(string user, string password)
    {
        var sub = await Command.RunAsync("mosquitto_sub", [.. Tls, "-u", user, "-P", password, "-t", "edgeai/#", "-t", "homeassistant/#", "-v", "-W", "2"], TimeSpan.FromSeconds(30));
        return sub.StandardOutput;
    }

    public string[] Tls => ["-h", "localhost", "-p", TlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", CaFile];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitForPortAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Assert.False(_process.HasExited, $"mosquitto exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }
}
