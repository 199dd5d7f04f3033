using EdgeAi.EdgeHost.Locks;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.EdgeHost.Tests.Locks;

public sealed class LockCodeVerifierTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-locks-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LockCodeStore _store;
    private readonly LockCodeVerifier _verifier;

    public LockCodeVerifierTests()
    {
        _store = new LockCodeStore(_directory, iterations: 1000);
        _verifier = new LockCodeVerifier(_store, _time);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Verify_NoCodeSet_RefusesEvenAWellFormedCode()
    {
        Assert.Equal(LockCodeVerdict.NoCodeConfigured, _verifier.Verify("front_door", "1234"));
    }

    [Fact]
    public void Verify_RightCode_Accepted()
    {
        _store.Set("front_door", "482913");

        Assert.Equal(LockCodeVerdict.Accepted, _verifier.Verify("front_door", "482913"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("12a4")]
    [InlineData("１２３４")] // full-width digits are not ASCII digits
    public void Verify_Malformed_RefusedBeforeHashing(string? code)
    {
        _store.Set("front_door", "4829");

        Assert.Equal(LockCodeVerdict.Malformed, _verifier.Verify("front_door", code));
    }

    [Fact]
    public void Verify_CodeOfAnotherLock_IsWrong()
    {
        _store.Set("front_door", "4829");
        _store.Set("garage", "1111");

        Assert.Equal(LockCodeVerdict.WrongCode, _verifier.Verify("front_door", "1111"));
    }

    [Fact]
    public void Verify_FiveWrongCodesInAMinute_LockOutAndRefuseTheRightCode()
    {
        _store.Set("front_door", "4829");
        for (var i = 0; i < LockCodeVerifier.MaxFailures; i++)
        {
            Assert.Equal(LockCodeVerdict.WrongCode, _verifier.Verify("front_door", "0000"));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(LockCodeVerdict.LockedOut, _verifier.Verify("front_door", "4829"));
        Assert.NotNull(_verifier.LockedUntil("front_door"));
    }

    [Fact]
    public void Verify_WrongCodesSpreadOverMoreThanTheWindow_NoLockout()
    {
        _store.Set("front_door", "4829");
        for (var i = 0; i < LockCodeVerifier.MaxFailures * 2; i++)
        {
            Assert.Equal(LockCodeVerdict.WrongCode, _verifier.Verify("front_door", "0000"));
            _time.Advance(TimeSpan.FromSeconds(16)); // at most 4 failures in any 60 s
        }

        Assert.Equal(LockCodeVerdict.Accepted, _verifier.Verify("front_door", "4829"));
    }

    [Fact]
    public void Lockout_EndsAfterItsLength_AndDoublesNextTime()
    {
        _store.Set("front_door", "4829");
        Fail(LockCodeVerifier.MaxFailures);
        var first = _verifier.LockedUntil("front_door")!.Value - _time.GetUtcNow();
        _time.Advance(first);
        Fail(LockCodeVerifier.MaxFailures);
        var second = _verifier.LockedUntil("front_door")!.Value - _time.GetUtcNow();

        Assert.Equal(LockCodeVerifier.FirstLockout, first);
        Assert.Equal(2 * LockCodeVerifier.FirstLockout, second);
        _time.Advance(second);
        Assert.Equal(LockCodeVerdict.Accepted, _verifier.Verify("front_door", "4829"));
    }

    [Fact]
    public void Lockout_IsPerLock()
    {
        _store.Set("front_door", "4829");
        _store.Set("garage", "1111");
        Fail(LockCodeVerifier.MaxFailures);

        Assert.Equal(LockCodeVerdict.Accepted, _verifier.Verify("garage", "1111"));
    }

    [Fact]
    public void Store_KeepsOnlySaltedHashesInOwnerOnlyFile()
    {
        _store.Set("front_door", "4829");
        _store.Set("garage", "4829");

        var text = File.ReadAllText(_store.Path);
        Assert.DoesNotContain("4829", text, StringComparison.Ordinal);
        Assert.NotEqual(_store.Get("front_door")!.Salt, _store.Get("garage")!.Salt);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.Path));
    }

    [Fact]
    public void Store_InvalidCode_ThrowsAndKeepsOldCode()
    {
        _store.Set("front_door", "4829");

        Assert.Throws<ArgumentException>(() => _store.Set("front_door", "12"));
        Assert.Equal(LockCodeVerdict.Accepted, _verifier.Verify("front_door", "4829"));
    }

    [Fact]
    public void Hash_DefaultIterations_IsOwaspsPbkdf2Sha256Figure()
    {
        Assert.Equal(600_000, LockCodeHash.DefaultIterations);
        Assert.Equal(600_000, LockCodeHash.Create("4829").Iterations);
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _verifier.Verify("front_door", "0000");
        }
    }
}
