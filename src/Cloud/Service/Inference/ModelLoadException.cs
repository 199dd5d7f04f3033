namespace EdgeAi.Cloud.Service.Inference;

/// <summary>A model (configuration or file) that cannot be served; the message is shown in the repository index.</summary>
internal sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (analyzer-required shape).</summary>
    public ModelLoadException()
        : base("model cannot be loaded")
    {
    }
}
