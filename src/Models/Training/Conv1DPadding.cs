namespace EdgeAi.Models.Training;

/// <summary>Padding of a <see cref="Conv1DLayer"/> (Keras' names).</summary>
public enum Conv1DPadding
{
    /// <summary>No padding: the output is <c>length - kernel + 1</c> long.</summary>
    Valid,

    /// <summary>
    /// Zero padding so the output is as long as the input: <c>(kernel - 1) / 2</c> before and the rest after
    /// (ONNX SAME_UPPER; exported as explicit <c>pads</c>).
    /// </summary>
    Same,
}
