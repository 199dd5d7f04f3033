namespace EdgeAi.Models.Engine.Steps;

/// <summary>The float elementwise binary operators.</summary>
internal enum BinaryOperator
{
    Add,
    Mul,
}
