namespace EdgeAi.Cloud.Client.Offload;

/// <summary>A model's answer: the chosen class and how sure the model is (0..1).</summary>
/// <param name="Label">Index of the chosen class.</param>
/// <param name="Confidence">Probability of that class, 0..1.</param>
public readonly record struct ModelAnswer(int Label, float Confidence);
