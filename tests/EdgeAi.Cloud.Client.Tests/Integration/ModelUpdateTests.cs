using EdgeAi.Cloud.Service.Tests.Conformance;
using System.Security.Cryptography;
using System.Text;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.Cloud.Client.Tests.Fakes;

namespace EdgeAi.Cloud.Client.Tests.Integration;

/// <summary>
/// Issue 6: model updates through the real service's distribution endpoints. Unsigned, wrong key, one
/// flipped bit, truncated signature, older version: rejected, the old model keeps serving. A good update
/// swaps while inference runs, with no failed inference. The node serves version 2 of "versioned".
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelUpdateTests : IClassFixture<ModelUpdateTests.ServiceWithRepository>
{
    private static readonly float[] Features = [1f];
    private readonly ServiceWithRepository _service;
    private readonly ManifestKeyPair _operator;
    private readonly FakeActivator _activator;
    private readonly Dictionary<long, string> _hashes;

    public ModelUpdateTests(ServiceWithRepository service)
    {
        _service = service;
        _operator = service.OperatorKeys;
        foreach (var manifest in Directory.EnumerateFiles(service.ModelFolder, "manifest.*", SearchOption.AllDirectories))
        {
            File.Delete(manifest);
        }

        _activator = new FakeActivator(2, Artifact(2));
        _hashes = Enumerable.Range(1, 3).ToDictionary(v => (long)v, v => Convert.ToHexStringLower(SHA256.HashData(Artifact(v))));
    }

    [Fact]
    public async Task Unsigned_Rejected_OldModelKeepsServing() =>
        await AssertRejectedAsync(Publish(3, signWith: null), "unsigned");

    [Fact]
    public async Task WrongKey_Rejected_OldModelKeepsServing() =>
        await AssertRejectedAsync(Publish(3, signWith: ManifestSigner.CreateKeyPair().PrivateKeyPem), "signature");

    [Fact]
    public async Task OneFlippedBitInSignedManifest_Rejected_OldModelKeepsServing()
    {
        // 'e' (0x65) -> 'd' (0x64) in the engine name: still a manifest the service offers, no longer the signed bytes.
        var manifest = Publish(3, _operator.PrivateKeyPem);
        var bytes = File.ReadAllBytes(manifest);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("onnxruntime\"", StringComparison.Ordinal) + 10;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(manifest, bytes);

        await AssertRejectedAsync(manifest, "signature");
    }

    [Fact]
    public async Task TruncatedSignature_Rejected_OldModelKeepsServing()
    {
        var manifest = Publish(3, _operator.PrivateKeyPem);
        var signature = Path.Combine(Path.GetDirectoryName(manifest)!, "manifest.sig");
        var text = File.ReadAllText(signature).Trim();
        File.WriteAllText(signature, text[..(text.Length / 2)]);

        await AssertRejectedAsync(manifest, "signature");
    }

    [Fact]
    public async Task OlderVersion_Rejected_OldModelKeepsServing() =>
        await AssertRejectedAsync(Publish(1, _operator.PrivateKeyPem), "not newer");

    [Fact]
    public async Task GoodUpdate_SwapsWithNoFailedInferenceDuringTheSwap()
    {
        Publish(3, _operator.PrivateKeyPem);
        var model = new ServingModel(_activator, _hashes);
        using var stop = new CancellationTokenSource();
        Assert.Equal(2, (await model.PredictAsync(Features)).Label);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var inference = Task.Run(async () =>
        {
            // Inference keeps running on another thread for the whole sync; any exception fails the test.
            while (!stop.IsCancellationRequested)
            {
                seen.Enqueue((await model.PredictAsync(Features)).Label);
                await Task.Yield();
            }
        });

        var records = await NewSync().SyncOnceAsync();
        await stop.CancelAsync();
        await inference.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ModelSyncOutcome.Activated, Assert.Single(records).Outcome);
        Assert.Equal(3, _activator.Serving.Version);
        Assert.Equal(Artifact(3), _activator.Serving.Bytes);
        Assert.Equal(3, (await model.PredictAsync(Features)).Label);
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Order(), seen);
    }

    private async Task AssertRejectedAsync(string manifestPath, string reason)
    {
        Assert.True(File.Exists(manifestPath));
        var record = Assert.Single(await NewSync().SyncOnceAsync());

        Assert.Equal(ModelSyncOutcome.Rejected, record.Outcome);
        Assert.Contains(reason, record.Reason);
        Assert.Equal(0, _activator.Activations);
        Assert.Equal(2, (await new ServingModel(_activator, _hashes).PredictAsync(Features)).Label);
    }

    private ModelSync NewSync()
    {
        var http = CloudNode.Http(_service.Process.BaseAddress, _service.TokenFile);
        return new ModelSync(
            new DistributionClient(http), new ManifestVerifier(_operator.PublicKeyPem), _activator,
            new ModelSyncOptions { Models = ["versioned"], WorkDirectory = Path.Combine(_service.Directory.Path, "work") }, TimeProvider.System);
    }

    private byte[] Artifact(long version) => File.ReadAllBytes(Path.Combine(_service.ModelFolder, version.ToString(System.Globalization.CultureInfo.InvariantCulture), "model.onnx"));

    /// <summary>Writes <c>manifest.json</c> for <paramref name="version"/> (and <c>manifest.sig</c> when a key is given), as the operator publishes.</summary>
    private string Publish(long version, string? signWith)
    {
        var folder = Path.Combine(_service.ModelFolder, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var artifact = Artifact(version);
        var manifest = Path.Combine(folder, "manifest.json");
        File.WriteAllBytes(manifest, FakeDistributionServer.Manifest("versioned", version, artifact));
        if (signWith is not null)
        {
            File.WriteAllText(Path.Combine(folder, "manifest.sig"), ManifestSigner.Sign(File.ReadAllBytes(manifest), signWith) + "\n");
        }

        return manifest;
    }

    /// <summary>One service process for the class, over a temp copy of the fixture repository.</summary>
    public sealed class ServiceWithRepository : IAsyncLifetime
    {
        public TempDirectory Directory { get; } = new();

        public ServiceProcess Process { get; private set; } = null!;

        public string ModelFolder { get; private set; } = null!;

        public string TokenFile { get; private set; } = null!;

        public ManifestKeyPair OperatorKeys { get; } = ManifestSigner.CreateKeyPair();

        public async Task InitializeAsync()
        {
            var repository = Directory.CopyFixtureRepository();
            ModelFolder = Path.Combine(repository, "versioned");
            var (tokens, tokenFile) = await CloudNode.IssueTokenAsync(Directory.Path, "node-1");
            TokenFile = tokenFile;
            Process = await ServiceProcess.StartAsync(Directory.Path, "--model-repository", repository, "--tokens-file", tokens);
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            Directory.Dispose();
        }
    }
}
