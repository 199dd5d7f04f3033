using EdgeAi.Cloud.Service.Tests.Conformance;
using EdgeAi.Cloud.Client.Oip;

namespace EdgeAi.Cloud.Client.Tests.Integration;

/// <summary>Issues a node token with the real <c>token create</c> command and writes it to a 0600 token file, as an operator would.</summary>
public static class CloudNode
{
    public static async Task<(string TokensFile, string TokenFile)> IssueTokenAsync(string directory, string node)
    {
        var tokens = Path.Combine(directory, "tokens");
        var (exitCode, stdout, _) = await ServiceProcess.RunToExitAsync(directory, "token", "create", node, "--tokens-file", tokens);
        Assert.Equal(0, exitCode);
        var tokenFile = Path.Combine(directory, node + ".token");
        await File.WriteAllTextAsync(tokenFile, stdout.Trim() + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (tokens, tokenFile);
    }

    public static CloudHttp Http(Uri baseAddress, string tokenFile) =>
        new(
            new CloudClientOptions
            {
                BaseAddress = baseAddress,
                TokenFile = tokenFile,
                PerTryTimeout = TimeSpan.FromSeconds(5),
                CircuitBreakDuration = TimeSpan.FromSeconds(1),
                CircuitMinimumThroughput = 3,
            },
            TimeProvider.System);
}
