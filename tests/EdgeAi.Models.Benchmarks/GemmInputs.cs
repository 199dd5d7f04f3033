namespace EdgeAi.Models.Benchmarks;

/// <summary>Deterministic u8 activations and s8 weights in [-127, 127] for a shape.</summary>
public static class GemmInputs
{
    public const byte ActivationZeroPoint = 128;

    public static byte[] Activations(GemmShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(1);
        var a = new byte[shape.M * shape.K];
        random.NextBytes(a);
        return a;
    }

    public static sbyte[] Weights(GemmShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(2);
        var b = new sbyte[shape.K * shape.N];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (sbyte)random.Next(-127, 128);
        }

        return b;
    }
}
