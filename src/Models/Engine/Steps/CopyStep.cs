using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>Copies the bytes of one tensor to another of the same size: Reshape, Flatten, Identity (exact for every type).</summary>
internal sealed class CopyStep(Tensor x, Tensor y) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run() => x.Bytes.CopyTo(y.Bytes);
}
