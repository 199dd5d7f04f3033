using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>A value of the graph with its inferred type and shape and the tensor that holds it.</summary>
internal sealed class EngineValue(string name, Tensor tensor, bool isConstant)
{
    public string Name { get; } = name;

    public Tensor Tensor { get; } = tensor;

    public TensorElementType Type => Tensor.ElementType;

    public int[] Shape { get; } = tensor.Shape.ToArray();

    public int Count => Tensor.ElementCount;

    /// <summary>An initializer, a Constant node, or a value folded from constants at plan time.</summary>
    public bool IsConstant { get; set; } = isConstant;

    public int Rank => Shape.Length;

    public override string ToString() => $"'{Name}' {Type}[{string.Join(",", Shape)}]";
}
