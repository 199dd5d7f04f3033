using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Shape inference and steps for the operators that are not fused.</summary>
internal sealed partial class GraphPlanner
{
    private void PlanNode(int index, NodeProto node)
    {
        if (_patterns.TryGetValue(index, out FusedPattern? pattern))
        {
            PlanFused(pattern);
            return;
        }

        if (_passthroughs.TryGetValue(index, out QuantizedPassthrough? passthrough))
        {
            PlanPassthrough(passthrough);
            return;
        }

        switch (node.OpType)
        {
            case "Constant":
                PlanConstant(node);
                break;
            case "QuantizeLinear":
                PlanQuantize(node);
                break;
            case "DequantizeLinear":
                PlanDequantize(node);
                break;
            case "QLinearMatMul":
                PlanQLinearMatMul(node);
                break;
            case "MatMulInteger":
                PlanMatMulInteger(node);
                break;
            case "QLinearConv":
                PlanQLinearConv(node);
                break;
            case "Add":
            case "Mul":
                PlanBinary(node, node.OpType == "Add" ? BinaryOperator.Add : BinaryOperator.Mul);
                break;
            case "Relu":
                PlanUnary(node, UnaryOperator.Relu, float.NegativeInfinity, float.PositiveInfinity);
                break;
            case "Sigmoid":
                PlanUnary(node, UnaryOperator.Sigmoid, float.NegativeInfinity, float.PositiveInfinity);
                break;
            case "Clip":
                (float min, float max) = ClipRange(node);
                PlanUnary(node, UnaryOperator.Clip, min, max);
                break;
            case "Softmax":
                PlanSoftmax(node);
                break;
            case "Reshape":
                PlanReshape(node);
                break;
            case "Flatten":
                PlanFlatten(node);
                break;
            case "Identity":
                {
                    EngineValue x = Input(node, 0);
                    Emit(node, new CopyStep(x.Tensor, Define(node.Output[0], x.Type, x.Shape).Tensor));
                    break;
                }

            case "Transpose":
                PlanTranspose(node);
                break;
            case "Concat":
                PlanConcat(node);
                break;
            case "MaxPool":
            case "AveragePool":
                PlanPool(node);
                break;
            case "GlobalAveragePool":
                PlanGlobalAveragePool(node);
                break;
            default:
                throw new UnsupportedNodeException($"operator {node.OpType} is not supported by the native engine");
        }
    }

    private void PlanConstant(NodeProto node)
    {
        AttributeProto? value = NodeAttributes.Find(node, "value");
        if (value?.T is null || node.Attribute.Count != 1)
        {
            throw new UnsupportedNodeException("only Constant with a 'value' tensor attribute is supported");
        }

        _values[node.Output[0]] = new EngineValue(node.Output[0], InitializerDecoder.Decode(value.T, node.Output[0]), isConstant: true);
    }

    private static AxisLayout QuantLayout(NodeProto node, EngineValue x, QuantParams q)
    {
        if (q.PerTensor)
        {
            return new AxisLayout(1, 1, x.Count);
        }

        int axis = NormalizeAxis(NodeAttributes.Int(node, "axis", 1), x.Rank, "axis");
        if (x.Shape[axis] != q.Scales.Length)
        {
            throw new InvalidDataException($"per-axis scale holds {q.Scales.Length} values but axis {axis} of [{string.Join(",", x.Shape)}] has {x.Shape[axis]}.");
        }

        return AxisLayout.Of(x.Shape, axis);
    }

    private void PlanQuantize(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        if (x.Type != TensorElementType.Float32)
        {
            throw new UnsupportedNodeException($"QuantizeLinear input is {x.Type}; only float is supported");
        }

        QuantParams q = QuantParams.From(Input(node, 1), OptionalInput(node, 2), TensorElementType.UInt8, "QuantizeLinear");
        if (q.Type is not (TensorElementType.UInt8 or TensorElementType.Int8))
        {
            throw new UnsupportedNodeException($"QuantizeLinear to {q.Type} is not supported (uint8 and int8 only)");
        }

        AxisLayout layout = QuantLayout(node, x, q);
        EngineValue y = Define(node.Output[0], q.Type, x.Shape);
        Emit(node, new QuantizeStep(x.Tensor, y.Tensor, q.Scales, q.ZeroPoints, layout));
    }

    private void PlanDequantize(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        if (x.Type is not (TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Int32))
        {
            throw new UnsupportedNodeException($"DequantizeLinear input is {x.Type}; uint8, int8 and int32 are supported");
        }

        QuantParams q = QuantParams.From(Input(node, 1), OptionalInput(node, 2), x.Type, "DequantizeLinear");
        AxisLayout layout = QuantLayout(node, x, q);
        EngineValue y = Define(node.Output[0], TensorElementType.Float32, x.Shape);
        Emit(node, new DequantizeStep(x.Tensor, y.Tensor, q.Scales, q.ZeroPoints, layout));
    }

    private static void RequireFloat(EngineValue v, NodeProto node)
    {
        if (v.Type != TensorElementType.Float32)
        {
            throw new UnsupportedNodeException($"input '{v.Name}' is {v.Type}; the native {node.OpType} runs on float (dequantized) values only");
        }
    }

    private void PlanBinary(NodeProto node, BinaryOperator op)
    {
        EngineValue a = Input(node, 0);
        EngineValue b = Input(node, 1);
        RequireFloat(a, node);
        RequireFloat(b, node);
        int[] shape = BroadcastBinaryStep.BroadcastShape(a.Shape, b.Shape)
            ?? throw new InvalidDataException($"shapes [{string.Join(",", a.Shape)}] and [{string.Join(",", b.Shape)}] do not broadcast.");
        EngineValue y = Define(node.Output[0], TensorElementType.Float32, shape);
        Emit(node, new BroadcastBinaryStep(a.Tensor, b.Tensor, y.Tensor, op));
    }

    private void PlanUnary(NodeProto node, UnaryOperator op, float min, float max)
    {
        EngineValue x = Input(node, 0);
        RequireFloat(x, node);
        EngineValue y = Define(node.Output[0], TensorElementType.Float32, x.Shape);
        Emit(node, new UnaryStep(x.Tensor, y.Tensor, op, min, max));
    }

    private void PlanSoftmax(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        RequireFloat(x, node);
        int axis = NormalizeAxis(NodeAttributes.Int(node, "axis", _opset >= 13 ? -1 : 1), x.Rank, "axis");
        AxisLayout layout = AxisLayout.Of(x.Shape, axis);
        if (_opset < 13)
        {
            // Softmax-1/11: the input is coerced to 2-D at axis, and the softmax runs over the whole second part.
            layout = new AxisLayout(layout.Outer, layout.Channels * layout.Inner, 1);
        }

        EngineValue y = Define(node.Output[0], TensorElementType.Float32, x.Shape);
        Emit(node, new SoftmaxStep(x.Tensor, y.Tensor, layout));
    }

    private void PlanReshape(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        EngineValue shapeValue = Constant(node, 1, "Reshape shape");
        NodeAttributes.RequireInt(node, "allowzero", 0);
        if (shapeValue.Type != TensorElementType.Int64 || shapeValue.Rank != 1)
        {
            throw new InvalidDataException("the shape input must be a 1-D int64 tensor.");
        }

        long[] requested = shapeValue.Tensor.AsSpan<long>().ToArray();
        var shape = new int[requested.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < requested.Length; i++)
        {
            long d = requested[i];
            if (d == -1)
            {
                if (inferred >= 0)
                {
                    throw new InvalidDataException("the shape has more than one -1.");
                }

                inferred = i;
                continue;
            }

            if (d == 0)
            {
                d = i < x.Rank ? x.Shape[i] : throw new InvalidDataException($"shape entry {i} is 0 but the input has rank {x.Rank}.");
            }

            if (d < 0 || d > int.MaxValue)
            {
                throw new InvalidDataException($"shape entry {d} is invalid.");
            }

            shape[i] = (int)d;
            known *= d;
        }

        if (inferred >= 0)
        {
            if (known == 0 || x.Count % known != 0)
            {
                throw new InvalidDataException($"cannot infer -1: {x.Count} elements do not divide by {known}.");
            }

            shape[inferred] = (int)(x.Count / known);
            known *= shape[inferred];
        }

        if (known != x.Count)
        {
            throw new InvalidDataException($"cannot reshape [{string.Join(",", x.Shape)}] ({x.Count} elements) to [{string.Join(",", requested)}].");
        }

        Emit(node, new CopyStep(x.Tensor, Define(node.Output[0], x.Type, shape).Tensor));
    }

    private void PlanFlatten(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        long rawAxis = NodeAttributes.Int(node, "axis", 1);
        int axis = (int)(rawAxis < 0 ? rawAxis + x.Rank : rawAxis);
        if (axis < 0 || axis > x.Rank)
        {
            throw new InvalidDataException($"axis {rawAxis} is out of range for rank {x.Rank}.");
        }

        int outer = 1;
        for (int i = 0; i < axis; i++)
        {
            outer *= x.Shape[i];
        }

        int[] shape = [outer, outer == 0 ? 0 : x.Count / outer];
        Emit(node, new CopyStep(x.Tensor, Define(node.Output[0], x.Type, shape).Tensor));
    }

    private void PlanTranspose(NodeProto node)
    {
        EngineValue x = Input(node, 0);
        long[] perm = NodeAttributes.Ints(node, "perm") ?? Enumerable.Range(0, x.Rank).Reverse().Select(i => (long)i).ToArray();
        if (perm.Length != x.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= x.Rank))
        {
            throw new InvalidDataException($"perm [{string.Join(",", perm)}] is not a permutation of rank {x.Rank}.");
        }

        int[] p = perm.Select(v => (int)v).ToArray();
        int[] shape = p.Select(i => x.Shape[i]).ToArray();
        Emit(node, new GatherStep(x.Tensor, Define(node.Output[0], x.Type, shape).Tensor, GatherStep.TransposeMap(x.Shape, p)));
    }

    private void PlanConcat(NodeProto node)
    {
        EngineValue[] inputs = node.Input.Where(i => i.Length != 0).Select(Value).ToArray();
        if (inputs.Length == 0)
        {
            throw new InvalidDataException("Concat has no inputs.");
        }

        EngineValue first = inputs[0];
        AttributeProto axisAttribute = NodeAttributes.Find(node, "axis") ?? throw new InvalidDataException("Concat needs an axis attribute.");
        int axis = NormalizeAxis(axisAttribute.I, first.Rank, "axis");
        int[] shape = first.Shape.ToArray();
        shape[axis] = 0;
        foreach (EngineValue v in inputs)
        {
            if (v.Type != first.Type || v.Rank != first.Rank || Enumerable.Range(0, v.Rank).Any(d => d != axis && v.Shape[d] != first.Shape[d]))
            {
                throw new InvalidDataException($"input {v} does not match {first} outside axis {axis}.");
            }

            shape[axis] += v.Shape[axis];
        }

        int size = TensorElementTypes.SizeOf(first.Type);
        AxisLayout layout = AxisLayout.Of(first.Shape, axis);
        int[] blocks = inputs.Select(v => v.Shape[axis] * layout.Inner * size).ToArray();
        EngineValue y = Define(node.Output[0], first.Type, shape);
        Emit(node, new ConcatStep(inputs.Select(v => v.Tensor).ToArray(), blocks, layout.Outer, y.Tensor));
    }
}
