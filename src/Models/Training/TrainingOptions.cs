namespace EdgeAi.Models.Training;

/// <summary>Mini-batch Adam settings (Kingma and Ba, 2015, Algorithm 1; defaults as in the paper except ε).</summary>
public sealed class TrainingOptions
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Samples per gradient step (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam step size α.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Adam β₁, decay of the first-moment estimate.</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Adam β₂, decay of the second-moment estimate.</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Adam ε (1e-7 as in Keras; the paper's 1e-8 is below float32 resolution near 1).</summary>
    public float Epsilon { get; set; } = 1e-7f;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (!(LearningRate > 0) || !(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1) || !(Epsilon > 0))
        {
            throw new ArgumentException("Adam needs LearningRate > 0, 0 <= Beta1 < 1, 0 <= Beta2 < 1 and Epsilon > 0.");
        }
    }
}
