using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Tests.Unit;

public sealed class LoadedModelTests
{
    private static (LoadedModel Model, FakeRunner Runner) Create()
    {
        var runner = new FakeRunner();
        var config = ModelConfigReader.Read("m", "");
        return (new LoadedModel(config, new Dictionary<long, IModelRunner> { [1] = runner }, TimeProvider.System), runner);
    }

    [Fact]
    public void Retire_NoLease_DisposesRunnersOnce()
    {
        var (model, runner) = Create();
        model.Retire();
        Assert.Equal(1, runner.DisposeCount);
        Assert.True(model.IsDisposed);
    }

    /// <summary>A swap or unload never disposes a session under a request that still holds it.</summary>
    [Fact]
    public void Retire_WhileLeased_DisposesOnlyAfterLastLeaseEnds()
    {
        var (model, runner) = Create();
        Assert.True(model.TryAddReference());
        var lease = new ModelLease(model, 1);
        Assert.True(model.TryAddReference());
        var second = new ModelLease(model, 1);
        model.Retire();
        Assert.Equal(0, runner.DisposeCount);
        lease.Dispose();
        lease.Dispose(); // a second dispose of the same lease must not release twice
        Assert.Equal(0, runner.DisposeCount);
        second.Dispose();
        Assert.Equal(1, runner.DisposeCount);
    }

    [Fact]
    public void TryAddReference_AfterDisposal_Fails()
    {
        var (model, _) = Create();
        model.Retire();
        Assert.False(model.TryAddReference());
    }
}
