namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Deterministic random numbers addressed by (seed, stream, index) rather than drawn in sequence, so a world resumed
/// mid-day from its saved state makes the same choices a world that never stopped would make.
/// </summary>
internal static class WorldRandom
{
    /// <summary>A uniform value in [0, 1) for the given coordinates (SplitMix64 finaliser over the combined key).</summary>
    public static double Unit(int seed, int stream, long index)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xBF58476D1CE4E5B9UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
