using System.Runtime.InteropServices;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Quantization;

/// <summary>
/// Rewrites a float graph into ONNX Runtime's QDQ format (onnxruntime/python/tools/quantization, QDQ quantizer):
/// each planned activation T gets T → QuantizeLinear (uint8) → DequantizeLinear and its readers read the dequantized
/// value; each quantized op's weight becomes an int8 initializer → DequantizeLinear (per-channel, with axis) and its
/// bias an int32 initializer → DequantizeLinear. A planned activation that is a graph output keeps its name on the
/// DequantizeLinear output, so the model's outputs stay float and keep their names.
/// </summary>
internal static class QdqGraphWriter
{
    public static GraphProto Write(GraphProto floatGraph, QuantizationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var graph = floatGraph.Clone();
        graph.Node.Clear();
        var initializers = floatGraph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var graphOutputs = floatGraph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var planned = plan.Activations.ToHashSet(StringComparer.Ordinal);
        var byNode = plan.Operators.ToDictionary(o => o.Node);
        var biasAdds = plan.Operators.Where(o => o.BiasAdd is not null).ToDictionary(o => o.BiasAdd!);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var biasScales = new Dictionary<string, (float InputScale, float[] WeightScales)>(StringComparer.Ordinal);

        // What a reader of each planned activation reads instead; a planned graph output's producer writes a renamed
        // float tensor and the DequantizeLinear gives back the output name.
        var readAs = new Dictionary<string, string>(StringComparer.Ordinal);
        var producedAs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string tensor in planned)
        {
            if (graphOutputs.Contains(tensor))
            {
                producedAs[tensor] = tensor + "_float";
            }
            else
            {
                readAs[tensor] = tensor + "_dequantized";
            }
        }

        foreach (ValueInfoProto input in floatGraph.Input)
        {
            if (planned.Contains(input.Name))
            {
                AddQdq(graph, input.Name, input.Name, readAs, ranges[input.Name]);
            }
        }

        foreach (NodeProto original in floatGraph.Node)
        {
            NodeProto node = original.Clone();
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (readAs.TryGetValue(node.Input[i], out string? dequantized))
                {
                    node.Input[i] = dequantized;
                }
            }

            if (byNode.TryGetValue(original, out QuantizedOperator? op))
            {
                ActivationRange x = ranges[op.Activation];
                float[] floors = op.Bias is null ? [] : QuantizationMath.BiasScaleFloor(FloatValues(initializers[op.Bias]), x.Scale);
                float[] weightScales = AddWeight(graph, initializers[op.Weight], op.WeightAxis, floors);
                removed.Add(op.Weight);
                node.Input[1] = op.Weight + "_dequantized";
                if (op.Bias is not null && op.BiasAdd is null)
                {
                    AddBias(graph, initializers[op.Bias], x.Scale, weightScales);
                    removed.Add(op.Bias);
                    node.Input[2] = op.Bias + "_dequantized";
                }

                if (op.BiasAdd is not null)
                {
                    // Remember the weight scales for the Add that follows.
                    biasScales[op.Bias!] = (x.Scale, weightScales);
                }
            }

            if (biasAdds.TryGetValue(original, out QuantizedOperator? owner))
            {
                (float inputScale, float[] weightScales) = biasScales[owner.Bias!];
                AddBias(graph, initializers[owner.Bias!], inputScale, weightScales);
                removed.Add(owner.Bias!);
                int index = node.Input.IndexOf(owner.Bias!);
                node.Input[index] = owner.Bias + "_dequantized";
            }

            var graphOutputQdq = new List<(string FloatName, string Name)>();
            for (int i = 0; i < node.Output.Count; i++)
            {
                if (producedAs.TryGetValue(node.Output[i], out string? floatName))
                {
                    graphOutputQdq.Add((floatName, node.Output[i]));
                    node.Output[i] = floatName;
                }
            }

            graph.Node.Add(node);
            foreach ((string floatName, string name) in graphOutputQdq)
            {
                AddQdq(graph, floatName, name, readAs, ranges[name], dequantizedName: name);
            }

            foreach (string output in node.Output)
            {
                if (readAs.ContainsKey(output))
                {
                    AddQdq(graph, output, output, readAs, ranges[output]);
                }
            }
        }

        for (int i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (removed.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }

        return graph;
    }

    private static void AddQdq(
        GraphProto graph, string source, string tensor, Dictionary<string, string> readAs, ActivationRange range, string? dequantizedName = null)
    {
        string scale = tensor + "_scale", zeroPoint = tensor + "_zero_point", quantized = tensor + "_quantized";
        graph.Initializer.Add(OnnxProtoFactory.Float(scale, [], [range.Scale]));
        graph.Initializer.Add(OnnxProtoFactory.UInt8(zeroPoint, [], [range.ZeroPoint]));
        graph.Node.Add(OnnxProtoFactory.Node("QuantizeLinear", tensor + "_QuantizeLinear", [source, scale, zeroPoint], quantized));
        graph.Node.Add(OnnxProtoFactory.Node(
            "DequantizeLinear", tensor + "_DequantizeLinear", [quantized, scale, zeroPoint], dequantizedName ?? readAs[tensor]));
    }

    private static float[] AddWeight(GraphProto graph, TensorProto weight, int axis, float[] minimumScales)
    {
        float[] values = FloatValues(weight);
        var quantized = new sbyte[values.Length];
        float[] scales = QuantizationMath.Int8PerChannel(values, weight.Dims, axis, quantized, minimumScales);
        string name = weight.Name;
        long[] dims = [.. weight.Dims];
        graph.Initializer.Add(OnnxProtoFactory.Int8(name + "_quantized", dims, quantized));
        graph.Initializer.Add(OnnxProtoFactory.Float(name + "_scale", [scales.Length], scales));
        graph.Initializer.Add(OnnxProtoFactory.Int8(name + "_zero_point", [scales.Length], new sbyte[scales.Length]));
        graph.Node.Add(OnnxProtoFactory.Node(
            "DequantizeLinear",
            name + "_DequantizeLinear",
            [name + "_quantized", name + "_scale", name + "_zero_point"],
            name + "_dequantized",
            OnnxProtoFactory.Int("axis", axis)));
        return scales;
    }

    private static void AddBias(GraphProto graph, TensorProto bias, float inputScale, float[] weightScales)
    {
        float[] values = FloatValues(bias);
        var quantized = new int[values.Length];
        float[] scales = QuantizationMath.Int32Bias(values, inputScale, weightScales, quantized);
        string name = bias.Name;
        graph.Initializer.Add(OnnxProtoFactory.Int32(name + "_quantized", [values.Length], quantized));
        graph.Initializer.Add(OnnxProtoFactory.Float(name + "_scale", [scales.Length], scales));
        graph.Initializer.Add(OnnxProtoFactory.Int32(name + "_zero_point", [scales.Length], new int[scales.Length]));
        graph.Node.Add(OnnxProtoFactory.Node(
            "DequantizeLinear",
            name + "_DequantizeLinear",
            [name + "_quantized", name + "_scale", name + "_zero_point"],
            name + "_dequantized",
            OnnxProtoFactory.Int("axis", 0)));
    }

    internal static float[] FloatValues(TensorProto tensor)
    {
        if (!tensor.HasRawData)
        {
            return [.. tensor.FloatData];
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }
}
