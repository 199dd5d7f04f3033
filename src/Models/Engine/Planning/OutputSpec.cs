using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>What an integer step writes: its kind, the output quantization, and the float clamp of a fused Relu/Clip.</summary>
internal sealed record OutputSpec(OutputKind Kind, QuantParams? Quant, float Min, float Max)
{
    public TensorElementType ElementType => Kind switch
    {
        OutputKind.Int32 => TensorElementType.Int32,
        OutputKind.Float => TensorElementType.Float32,
        _ => Quant!.Type,
    };
}
