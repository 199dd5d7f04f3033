namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// One planned operation over preallocated tensors. Everything a step needs (buffers, packed weights, index maps,
/// multipliers) is fixed when it is planned, so <see cref="Run"/> allocates nothing and looks nothing up.
/// </summary>
internal abstract class EngineStep
{
    /// <summary>Runs the operation once.</summary>
    public abstract void Run();
}
