namespace EdgeAi.Models.Engine.Steps;

/// <summary>The float elementwise unary operators.</summary>
internal enum UnaryOperator
{
    Relu,
    Clip,
    Sigmoid,
}
