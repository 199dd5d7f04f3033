using EdgeAi.Cloud.Service.Auth;

namespace EdgeAi.Cloud.Service.Tests.Unit;

public sealed class TokenTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "edgeai-tokens-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Create_ThenRead_VerifierAcceptsOnlyThatToken()
    {
        var token = TokensFile.Create(_file, "node-1");
        var verifier = new TokenVerifier(TokensFile.Read(_file));
        Assert.True(verifier.Verify(token));
        Assert.False(verifier.Verify(token[..^1]));
        Assert.False(verifier.Verify(""));
        Assert.False(verifier.Verify(TokenHash.ComputeHex(token)));
    }

    [Fact]
    public void Create_TwoTokens_AreDistinctAndBothAccepted()
    {
        var a = TokensFile.Create(_file, "a");
        var b = TokensFile.Create(_file, "b");
        Assert.NotEqual(a, b);
        var verifier = new TokenVerifier(TokensFile.Read(_file));
        Assert.True(verifier.Verify(a));
        Assert.True(verifier.Verify(b));
        Assert.Equal(2, verifier.Count);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("a:b")]
    [InlineData("")]
    [InlineData("x\ny")]
    public void Create_InvalidName_ThrowsAndWritesNothing(string name)
    {
        Assert.Throws<TokensFileFormatException>(() => TokensFile.Create(_file, name));
        Assert.False(File.Exists(_file));
    }

    [Theory]
    [InlineData("alice\n", "line 1")]
    [InlineData("alice:abc\n", "line 1")]
    [InlineData("# only a comment\n\n", "holds no token")]
    [InlineData("a:0000000000000000000000000000000000000000000000000000000000000000\na:1111111111111111111111111111111111111111111111111111111111111111\n", "repeats the name 'a'")]
    public void Read_Malformed_ThrowsNamingTheLine(string content, string message)
    {
        File.WriteAllText(_file, content);
        var e = Assert.Throws<TokensFileFormatException>(() => TokensFile.Read(_file));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
