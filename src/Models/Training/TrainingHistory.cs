namespace EdgeAi.Models.Training;

/// <summary>What a <see cref="SequentialModel"/> fit did.</summary>
/// <param name="EpochLosses">Mean training loss of each epoch, in order.</param>
public sealed record TrainingHistory(IReadOnlyList<float> EpochLosses);
