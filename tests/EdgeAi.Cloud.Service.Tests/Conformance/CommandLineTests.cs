using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>The executable's commands as a user runs them: start-up refusals and <c>token create</c>.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Serve_WithoutTokensFileOrInsecureFlag_RefusesToStart()
    {
        var repository = _directory.CopyFixtureRepository();
        var (exitCode, _, stderr) = await ServiceProcess.RunToExitAsync(_directory.Path, "serve", "--model-repository", repository, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, exitCode);
        Assert.Contains("refusing to start without authentication", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsWithMessage()
    {
        var repository = _directory.CopyFixtureRepository();
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (exitCode, _, stderr) = await ServiceProcess.RunToExitAsync(
            _directory.Path, "serve", "--model-repository", repository, "--insecure-no-auth", "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(2, exitCode);
        Assert.Contains("cannot listen", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingRepository_RefusesToStart()
    {
        var (exitCode, _, stderr) = await ServiceProcess.RunToExitAsync(_directory.Path, "serve", "--model-repository", Path.Combine(_directory.Path, "none"), "--insecure-no-auth");
        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MalformedTokensFile_RefusesToStartNamingTheLine()
    {
        var repository = _directory.CopyFixtureRepository();
        var tokens = Path.Combine(_directory.Path, "tokens");
        await File.WriteAllTextAsync(tokens, "# comment\nalice:" + new string('a', 64) + "\nbob:plaintext-token\n");
        var (exitCode, _, stderr) = await ServiceProcess.RunToExitAsync(_directory.Path, "serve", "--model-repository", repository, "--tokens-file", tokens);
        Assert.Equal(2, exitCode);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("plaintext-token", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_PrintsTokenOnceAndStoresOnlyItsHashIn0600File()
    {
        var tokens = Path.Combine(_directory.Path, "tokens");
        var (exitCode, stdout, _) = await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "hub-1", "--tokens-file", tokens);
        Assert.Equal(0, exitCode);
        var token = stdout.Trim();
        Assert.True(token.Length >= 40, token);

        var content = await File.ReadAllTextAsync(tokens);
        Assert.DoesNotContain(token, content, StringComparison.Ordinal);
        Assert.Equal($"hub-1:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}\n", content);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokens));
        }
    }

    [Fact]
    public async Task TokenCreate_SecondName_AppendsAndDuplicateNameIsRefused()
    {
        var tokens = Path.Combine(_directory.Path, "tokens");
        var first = await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "a", "--tokens-file", tokens);
        var second = await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "b", "--tokens-file", tokens);
        var duplicate = await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "a", "--tokens-file", tokens);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotEqual(first.Stdout, second.Stdout);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already has a token named 'a'", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await File.ReadAllLinesAsync(tokens)).Length);
    }

    /// <summary>Every token in the file is accepted; the service compares hashes, so the file works as written.</summary>
    [Fact]
    public async Task Serve_TwoTokens_BothAccepted()
    {
        var repository = _directory.CopyFixtureRepository();
        var tokens = Path.Combine(_directory.Path, "tokens");
        var a = (await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "a", "--tokens-file", tokens)).Stdout.Trim();
        var b = (await ServiceProcess.RunToExitAsync(_directory.Path, "token", "create", "b", "--tokens-file", tokens)).Stdout.Trim();
        await using var service = await ServiceProcess.StartAsync(_directory.Path, "--model-repository", repository, "--tokens-file", tokens);
        foreach (var token in new[] { a, b })
        {
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/v2")).Status);
        }
    }
}
