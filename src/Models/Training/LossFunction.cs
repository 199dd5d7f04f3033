namespace EdgeAi.Models.Training;

/// <summary>What a <see cref="SequentialModel"/> minimizes.</summary>
public enum LossFunction
{
    /// <summary>
    /// Softmax over the last layer's outputs, then cross-entropy against integer class labels (a classifier; the
    /// exported model ends in Softmax).
    /// </summary>
    SoftmaxCrossEntropy,

    /// <summary>Mean squared error against float targets (a regressor; the exported model ends at the last layer).</summary>
    MeanSquaredError,
}
