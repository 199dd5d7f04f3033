namespace EdgeAi.Models.Runtime;

/// <summary>The engines that can run a model.</summary>
public enum ModelEngine
{
    /// <summary>EdgeAi's own int8 engine (quantized models whose operators it supports).</summary>
    Native,

    /// <summary>Microsoft ONNX Runtime, CPU execution provider (every model).</summary>
    OnnxRuntime,
}
