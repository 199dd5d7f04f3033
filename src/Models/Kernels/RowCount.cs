namespace EdgeAi.Models.Kernels;

/// <summary>
/// A compile-time row count for the micro-kernels' tile loops. Kernels are generic over a struct implementing
/// this, so the JIT compiles one specialization per count with the absent rows' code removed: a batch-1 call
/// does one row of work, not a full tile of duplicated rows.
/// </summary>
internal interface IRowCount
{
    /// <summary>The number of rows.</summary>
    static abstract int Count { get; }
}

// Six one-line markers kept together: a file each would hide, not clarify, what they are.
internal readonly struct OneRow : IRowCount
{
    public static int Count => 1;
}

internal readonly struct TwoRows : IRowCount
{
    public static int Count => 2;
}

internal readonly struct ThreeRows : IRowCount
{
    public static int Count => 3;
}

internal readonly struct FourRows : IRowCount
{
    public static int Count => 4;
}

internal readonly struct FiveRows : IRowCount
{
    public static int Count => 5;
}

internal readonly struct SixRows : IRowCount
{
    public static int Count => 6;
}
