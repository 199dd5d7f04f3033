namespace EdgeAi.Models.Engine.Steps;

/// <summary>A shape seen as outer x channels x inner around one axis (per-axis quantization, Softmax, Concat).</summary>
internal readonly record struct AxisLayout(int Outer, int Channels, int Inner)
{
    public static AxisLayout Of(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        for (int i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return new AxisLayout(outer, shape.Length == 0 ? 1 : shape[axis], inner);
    }
}
