using System.Text;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.Cloud.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Cloud.Client.Tests.Sync;

/// <summary>Every refusal path of a model update leaves the current model serving; good updates swap; bad health rolls back.</summary>
public sealed class ModelSyncTests : IDisposable
{
    private static readonly byte[] Current = Encoding.UTF8.GetBytes("model v2");
    private static readonly byte[] Newer = Encoding.UTF8.GetBytes("model v3 weights");
    private readonly ManifestKeyPair _keys = ManifestSigner.CreateKeyPair();
    private readonly FakeDistributionServer _server = new();
    private readonly FakeActivator _activator = new(2, Current);
    private readonly FakeTimeProvider _time = new();
    private Version? _runtime = new(0, 1, 0);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "edgeai-sync-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SyncOnce_GoodSignedNewerVersion_Activates()
    {
        _server.Offer("m", 3, Newer, _keys.PrivateKeyPem);

        var record = Assert.Single(await SyncOnceAsync());

        Assert.Equal(ModelSyncOutcome.Activated, record.Outcome);
        Assert.Equal(3L, _activator.Serving.Version);
        Assert.Equal(Newer, _activator.Serving.Bytes);
        Assert.Empty(Directory.GetFiles(_work));
    }

    [Fact]
    public async Task SyncOnce_Unsigned_Rejected()
    {
        _server.Offer("m", 3, Newer, privateKeyPem: null);

        await AssertRejectedAsync("unsigned");
    }

    [Fact]
    public async Task SyncOnce_SignedWithAnotherKey_Rejected()
    {
        _server.Offer("m", 3, Newer, ManifestSigner.CreateKeyPair().PrivateKeyPem);

        await AssertRejectedAsync("signature");
    }

    [Fact]
    public async Task SyncOnce_ManifestChangedAfterSigning_Rejected()
    {
        _server.Offer("m", 3, Newer, _keys.PrivateKeyPem, tamperManifest: m => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(m).Replace("\"size\": ", "\"size\":  ", StringComparison.Ordinal)));

        await AssertRejectedAsync("signature");
    }

    [Fact]
    public async Task SyncOnce_OneFlippedBitInArtifact_Rejected()
    {
        var flipped = (byte[])Newer.Clone();
        flipped[3] ^= 0x04;
        _server.Offer("m", 3, flipped, _keys.PrivateKeyPem, manifestArtifact: Newer);

        await AssertRejectedAsync("SHA-256");
    }

    [Fact]
    public async Task SyncOnce_TruncatedArtifact_Rejected()
    {
        _server.Offer("m", 3, Newer[..^4], _keys.PrivateKeyPem, manifestArtifact: Newer);

        await AssertRejectedAsync("bytes");
    }

    [Fact]
    public async Task SyncOnce_LongerArtifact_Rejected()
    {
        _server.Offer("m", 3, [.. Newer, .. "extra"u8.ToArray()], _keys.PrivateKeyPem, manifestArtifact: Newer);

        await AssertRejectedAsync("larger");
    }

    [Fact]
    public async Task SyncOnce_OlderVersion_Rejected()
    {
        _server.Offer("m", 1, Newer, _keys.PrivateKeyPem);

        await AssertRejectedAsync("not newer");
    }

    [Fact]
    public async Task SyncOnce_GoldenCheckFails_Rejected()
    {
        _server.Offer("m", 3, Encoding.UTF8.GetBytes("BAD weights"), _keys.PrivateKeyPem);

        await AssertRejectedAsync("golden");
    }

    [Fact]
    public async Task SyncOnce_NeedsNewerRuntime_Rejected()
    {
        // The fake server's manifests say min_runtime_version 0.1.0.
        _server.Offer("m", 3, Newer, _keys.PrivateKeyPem);
        _runtime = new Version(0, 0, 9);

        await AssertRejectedAsync("needs runtime 0.1.0");
    }

    [Fact]
    public async Task SyncOnce_UnhealthyAfterSwap_RolledBack()
    {
        _server.Offer("m", 3, Encoding.UTF8.GetBytes("SICK weights"), _keys.PrivateKeyPem);

        var record = Assert.Single(await SyncOnceAsync());

        Assert.Equal(ModelSyncOutcome.RolledBack, record.Outcome);
        Assert.Equal((2L, Current), _activator.Serving);
    }

    [Fact]
    public async Task SyncOnce_RejectedOffer_IsNotTriedAgainNextPoll()
    {
        _server.Offer("m", 3, Encoding.UTF8.GetBytes("BAD weights"), _keys.PrivateKeyPem);
        var sync = NewSync();

        await sync.SyncOnceAsync();
        Assert.Empty(await sync.SyncOnceAsync());

        Assert.Equal(1, _activator.Activations);
        Assert.Single(sync.AuditTrail);
    }

    [Fact]
    public async Task SyncOnce_OtherModels_AreIgnored()
    {
        _server.Offer("other", 9, Newer, _keys.PrivateKeyPem);

        Assert.Empty(await SyncOnceAsync());
        Assert.Equal(0, _activator.Activations);
    }

    [Fact]
    public async Task SyncOnce_WritesEveryDecisionToTheAuditFile()
    {
        _server.Offer("m", 3, Newer, privateKeyPem: null);
        var audit = Path.Combine(_work, "audit.jsonl");
        Directory.CreateDirectory(_work);

        await NewSync(audit).SyncOnceAsync();

        var line = Assert.Single(File.ReadAllLines(audit));
        Assert.Contains("\"outcome\":\"Rejected\"", line);
        Assert.Contains("unsigned", line);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private async Task AssertRejectedAsync(string reason)
    {
        var record = Assert.Single(await SyncOnceAsync());

        Assert.Equal(ModelSyncOutcome.Rejected, record.Outcome);
        Assert.Contains(reason, record.Reason);
        Assert.Equal((2L, Current), _activator.Serving);
        Assert.False(Directory.Exists(_work) && Directory.GetFiles(_work, "*.part").Length > 0, "a partial download was left behind");
    }

    private Task<IReadOnlyList<ModelSyncAuditRecord>> SyncOnceAsync() => NewSync().SyncOnceAsync();

    private ModelSync NewSync(string? auditFile = null)
    {
        var http = TestCloud.Http(_server.Handler, _time);
        return new ModelSync(
            new Client.Sync.DistributionClient(http),
            new ManifestVerifier(_keys.PublicKeyPem),
            _activator,
            new ModelSyncOptions { Models = ["m"], WorkDirectory = _work, AuditFile = auditFile, RuntimeVersion = _runtime },
            _time);
    }
}
