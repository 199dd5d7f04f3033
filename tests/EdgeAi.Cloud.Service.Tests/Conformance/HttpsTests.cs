using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>HTTPS comes from Kestrel configuration (here a default certificate given by environment variables).</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Serve_WithKestrelCertificate_ServesHttpsWithThatCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(_directory.Path, "service.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);

        // Accept exactly this self-signed certificate, nothing else.
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
        };
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Certificates__Default__Path"] = pfx,
            ["Kestrel__Certificates__Default__Password"] = "test-password",
        };
        var repository = _directory.CopyFixtureRepository();
        await using var service = await ServiceProcess.StartAsync(
            _directory.Path, environment, handler, ["--urls", "https://127.0.0.1:0", "--model-repository", repository, "--insecure-no-auth"]);

        Assert.Equal("https", service.BaseAddress.Scheme);
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = service.BaseAddress };
        var (status, body) = await client.GetJsonAsync("/v2/models/simple");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("simple", body.GetProperty("name").GetString());
    }
}
