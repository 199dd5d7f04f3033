using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.EdgeHost.Mqtt;
using EdgeAi.Models.Onnx;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>
/// <c>edgeai model sign</c> and <c>edgeai model keygen</c>: the operator's side of signed model updates. The
/// signature is ECDSA P-256 / SHA-256 over the exact bytes of <c>manifest.json</c> (see docs/cloud.md), written
/// base64 to <c>manifest.sig</c> beside it.
/// </summary>
internal static class ModelSignCommands
{
    public const string ManifestFile = "manifest.json";
    public const string ArtifactFile = "model.onnx";

    public static Command Sign()
    {
        var directory = new Argument<DirectoryInfo>("VERSION_DIR") { Description = "A model version folder of the repository, <repo>/<model>/<version>, holding model.onnx." };
        var key = new Option<FileInfo>("--key") { Description = "PEM file with the ECDSA P-256 private key (PKCS#8).", Required = true };
        var engine = new Option<string>("--engine") { Description = "Target engine written into a new manifest (default: native when the native engine runs every operator, else onnxruntime)." };
        var minRuntime = new Option<string>("--min-runtime-version") { Description = $"Oldest edgeai that may install it (default: this one, {MqttConnection.SoftwareVersion})." };
        var command = new Command("sign", "Write manifest.json for a model version (unless present) and sign it into manifest.sig.") { directory, key, engine, minRuntime };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            var folder = result.GetValue(directory)!.FullName;
            try
            {
                var pem = await File.ReadAllTextAsync(result.GetValue(key)!.FullName, cancellationToken).ConfigureAwait(false);
                var manifestPath = Path.Combine(folder, ManifestFile);
                var artifactPath = Path.Combine(folder, ArtifactFile);
                var artifact = await File.ReadAllBytesAsync(artifactPath, cancellationToken).ConfigureAwait(false);
                var sha256 = ModelDigest.Sha256Hex(artifact);
                if (File.Exists(manifestPath))
                {
                    CheckExisting(await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false), sha256, artifact.Length);
                }
                else
                {
                    var name = Path.GetFileName(Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar)))!;
                    if (!long.TryParse(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
                    {
                        throw new InvalidDataException($"'{folder}' is not a numeric version folder (<repo>/<model>/<version>).");
                    }

                    var targetEngine = result.GetValue(engine) ?? PreferredEngine(artifact, sha256);
                    await File.WriteAllBytesAsync(manifestPath, WriteManifest(name, version, sha256, artifact.Length, targetEngine, result.GetValue(minRuntime) ?? MqttConnection.SoftwareVersion), cancellationToken).ConfigureAwait(false);
                }

                var signature = await ManifestSigner.SignFileAsync(manifestPath, pem, cancellationToken).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteLineAsync($"{manifestPath}\n{signature}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                await error.WriteLineAsync($"edgeai: model sign: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    public static Command KeyGen()
    {
        var privateKey = new Option<FileInfo>("--private") { Description = "Where to write the private key (created 0600; never overwritten). Keep it off the service machine.", Required = true };
        var publicKey = new Option<FileInfo>("--public") { Description = "Where to write the public key, for the nodes' Cloud:ManifestPublicKeyFile.", Required = true };
        var command = new Command("keygen", "Create an ECDSA P-256 key pair for signing model manifests.") { privateKey, publicKey };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var pair = ManifestSigner.CreateKeyPair();
                var publicPath = result.GetValue(publicKey)!.FullName;
                if (File.Exists(publicPath))
                {
                    throw new IOException($"'{publicPath}' already exists; nothing was written.");
                }

                ManifestSigner.WritePrivateKey(result.GetValue(privateKey)!.FullName, pair.PrivateKeyPem);
                await File.WriteAllTextAsync(publicPath, pair.PublicKeyPem, cancellationToken).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteLineAsync(publicPath).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"edgeai: model keygen: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <summary><c>native</c> when the native engine runs every node of the model, else <c>onnxruntime</c>.</summary>
    internal static string PreferredEngine(byte[] artifact, string sha256) =>
        Models.Engine.NativeSupport.Check(OnnxModelReader.Read(artifact, sha256)).IsSupported ? "native" : "onnxruntime";

    /// <summary>The manifest's bytes, fields in the order the service documents.</summary>
    internal static byte[] WriteManifest(string name, long version, string sha256, long size, string engine, string minRuntimeVersion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("version", version);
            json.WriteString("file", ArtifactFile);
            json.WriteString("sha256", sha256);
            json.WriteNumber("size", size);
            json.WriteString("engine", engine);
            json.WriteString("min_runtime_version", minRuntimeVersion);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void CheckExisting(byte[] manifest, string sha256, long size)
    {
        using var document = JsonDocument.Parse(manifest);
        var root = document.RootElement;
        if (!root.TryGetProperty("sha256", out var digest) || digest.GetString() != sha256 || !root.TryGetProperty("size", out var length) || length.GetInt64() != size)
        {
            throw new InvalidDataException($"The existing {ManifestFile} does not match {ArtifactFile} (sha256 {sha256}, {size} bytes); fix or delete it. Nothing was signed.");
        }
    }
}
