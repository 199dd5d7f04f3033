using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>What one quantization step of a model output is worth, to express engine differences in steps.</summary>
internal static class QuantizationSteps
{
    /// <summary>
    /// 1 for integer outputs; for a float output, the scale of the nearest DequantizeLinear upstream of it (following
    /// each node's first input; the largest scale when per channel), else 1.
    /// </summary>
    public static double StepOf(ModelProto model, string output, TensorElementType type)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (type != TensorElementType.Float32)
        {
            return 1;
        }

        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in model.Graph.Node)
        {
            foreach (var o in node.Output)
            {
                producers[o] = node;
            }
        }

        var name = output;
        for (int hops = 0; hops < model.Graph.Node.Count && producers.TryGetValue(name, out var node); hops++)
        {
            if (node.OpType == "DequantizeLinear" && node.Input.Count > 1 && ScaleOf(model, node.Input[1]) is { } scale and > 0)
            {
                return scale;
            }

            if (node.Input.Count == 0)
            {
                break;
            }

            name = node.Input[0];
        }

        return 1;
    }

    /// <summary>Largest absolute element difference of two tensors of the same type and size.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.ElementType != b.ElementType || a.ElementCount != b.ElementCount)
        {
            throw new InvalidDataException($"Output '{a.Name}' is {a.ElementType} x {a.ElementCount} on one engine and {b.ElementType} x {b.ElementCount} on the other.");
        }

        double max = 0;
        for (int i = 0; i < a.ElementCount; i++)
        {
            double d = Math.Abs(Value(a, i) - Value(b, i));
            max = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }

    private static double Value(Tensor t, int i) => t.ElementType switch
    {
        TensorElementType.Float32 => t.AsSpan<float>()[i],
        TensorElementType.Int8 => t.AsSpan<sbyte>()[i],
        TensorElementType.Int32 => t.AsSpan<int>()[i],
        TensorElementType.Int64 => t.AsSpan<long>()[i],
        _ => t.Bytes[i],
    };

    private static double? ScaleOf(ModelProto model, string name) =>
        InitializerValues.Floats(model, name) is { Length: > 0 } scales && scales.Max() is var max and > 0 ? max : null;
}
