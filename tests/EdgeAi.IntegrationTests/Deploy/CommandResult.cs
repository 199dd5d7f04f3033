namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>Exit code and output of a finished <see cref="Command"/>.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
