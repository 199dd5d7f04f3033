using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>Concat along one axis for any element type: per outer index, each input's block is copied in turn.</summary>
internal sealed class ConcatStep(Tensor[] inputs, int[] blockBytes, int outer, Tensor y) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        Span<byte> dst = y.Bytes;
        int offset = 0;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                int block = blockBytes[i];
                inputs[i].Bytes.Slice(o * block, block).CopyTo(dst.Slice(offset, block));
                offset += block;
            }
        }
    }
}
