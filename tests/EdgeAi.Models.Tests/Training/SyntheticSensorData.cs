namespace EdgeAi.Models.Tests.Training;

/// <summary>A seeded labelled dataset: flattened samples and their classes.</summary>
public sealed record LabelledSet(float[] Inputs, int[] Labels, int SampleSize)
{
    public int Count => Labels.Length;

    public LabelledSet Take(int start, int count) =>
        new(Inputs.AsSpan(start * SampleSize, count * SampleSize).ToArray(), Labels.AsSpan(start, count).ToArray(), SampleSize);
}

/// <summary>Seeded synthetic sensor data for the trainer and quantizer tests.</summary>
public static class SyntheticSensorData
{
    /// <summary>Three Gaussian blobs in four features (σ = 0.6 around centres about 3 apart).</summary>
    public static LabelledSet Blobs(int count, int seed)
    {
        float[][] centres = [[2, 0, -1, 1], [-1, 2, 1, -1], [0, -2, 2, 2]];
        var random = new Random(seed);
        var inputs = new float[count * 4];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = labels[n] = n % 3;
            for (int f = 0; f < 4; f++)
            {
                inputs[(n * 4) + f] = centres[label][f] + (0.6f * Gaussian(random));
            }
        }

        return new LabelledSet(inputs, labels, 4);
    }

    /// <summary>
    /// One-channel windows of <paramref name="length"/> samples: class 0 a sine, 1 a square wave, 2 a sawtooth, each
    /// with a random period (8 to 16 samples), phase and amplitude (0.7 to 1.3) and Gaussian noise (σ = 0.2).
    /// </summary>
    public static LabelledSet Waves(int count, int length, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * length];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = labels[n] = n % 3;
            double period = 8 + (8 * random.NextDouble());
            double phase = random.NextDouble();
            double amplitude = 0.7 + (0.6 * random.NextDouble());
            for (int t = 0; t < length; t++)
            {
                double cycle = (t / period) + phase;
                double fraction = cycle - Math.Floor(cycle);
                double value = label switch
                {
                    0 => Math.Sin(2 * Math.PI * cycle),
                    1 => fraction < 0.5 ? 1 : -1,
                    _ => (2 * fraction) - 1,
                };
                inputs[(n * length) + t] = (float)(amplitude * value) + (0.2f * Gaussian(random));
            }
        }

        return new LabelledSet(inputs, labels, length);
    }

    private static float Gaussian(Random random)
    {
        // Box-Muller.
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
