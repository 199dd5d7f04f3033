using System.Globalization;

namespace EdgeAi.Models.Benchmarks;

/// <summary>One GEMM problem size from issue 5's benchmark list.</summary>
public sealed record GemmShape(int M, int K, int N)
{
    /// <summary>The shapes issue 5 asks for.</summary>
    public static IEnumerable<GemmShape> IssueShapes { get; } =
    [
        new(1, 256, 256),
        new(1, 1024, 1024),
        new(16, 512, 512),
        new(64, 512, 512),
        new(256, 1024, 1024),
    ];

    /// <summary>Integer operations per multiply (one multiply and one add per MAC).</summary>
    public double Operations => 2.0 * M * K * N;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{M}x{K}x{N}");
}
