namespace EdgeAi.Models.Training;

/// <summary>A trainable tensor with its gradient and Adam moments.</summary>
internal sealed class Parameter(int length)
{
    public float[] Value { get; } = new float[length];

    public float[] Gradient { get; } = new float[length];

    public float[] FirstMoment { get; } = new float[length];

    public float[] SecondMoment { get; } = new float[length];
}
