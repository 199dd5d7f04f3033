namespace EdgeAi.Cloud.Service.Inference;

/// <summary>Creates <see cref="OnnxModelRunner"/>s.</summary>
internal sealed class OnnxModelRunnerFactory : IModelRunnerFactory
{
    /// <inheritdoc />
    public IModelRunner Create(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new ModelLoadException($"'{modelPath}' does not exist");
        }

        return new OnnxModelRunner(modelPath);
    }
}
