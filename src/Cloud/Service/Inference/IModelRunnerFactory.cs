namespace EdgeAi.Cloud.Service.Inference;

/// <summary>Creates runners from model files. Thread-safe; each call returns a runner the caller owns.</summary>
internal interface IModelRunnerFactory
{
    /// <summary>Loads <paramref name="modelPath"/>; throws <see cref="ModelLoadException"/> with a readable reason.</summary>
    IModelRunner Create(string modelPath);
}
