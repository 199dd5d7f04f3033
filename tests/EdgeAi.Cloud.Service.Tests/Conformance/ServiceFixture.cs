using System.Net.Http.Headers;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>
/// One service process shared by the read-only conformance tests: a temp copy of the fixture repository,
/// a tokens file made with the real <c>token create</c> command, and three clients (valid token, no token,
/// wrong token).
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ServiceProcess? _service;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient WrongToken { get; private set; } = null!;

    public ServiceProcess Service => _service!;

    public string Token { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var repository = _directory.CopyFixtureRepository();
        var tokens = Path.Combine(_directory.Path, "tokens");
        var (exitCode, stdout, stderr) = await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "conformance", "--tokens-file", tokens);
        Assert.True(exitCode == 0, stderr);
        Token = stdout.Trim();
        _service = await ServiceProcess.StartAsync(
            _directory.Path, "--model-repository", repository, "--tokens-file", tokens, "--telemetry-db", Path.Combine(_directory.Path, "telemetry.db"));
        Client = NewClient(Token);
        Anonymous = NewClient(null);
        WrongToken = NewClient("eai_not-a-valid-token");
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        WrongToken?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _directory.Dispose();
        _service?.AssertNoErrorLogs();
    }

    public HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = _service!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
