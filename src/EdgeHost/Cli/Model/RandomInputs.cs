using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>
/// Random model inputs for bench and verify: integers over their type's range (int32/int64 in [-100, 100]); a float
/// input that feeds a QuantizeLinear is drawn over the range that quantizer can represent (so every code is hit),
/// any other float input from [-1, 1].
/// </summary>
internal static class RandomInputs
{
    public static void Fill(IModelRunner runner, ModelProto model, Random random)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(random);
        foreach (var tensor in runner.Inputs)
        {
            switch (tensor.ElementType)
            {
                case TensorElementType.Float32:
                    var (low, high) = FloatRange(model, tensor.Name);
                    var f = tensor.AsSpan<float>();
                    for (int i = 0; i < f.Length; i++)
                    {
                        f[i] = (float)(low + (random.NextDouble() * (high - low)));
                    }

                    break;
                case TensorElementType.Bool:
                    foreach (ref var b in tensor.Bytes)
                    {
                        b = (byte)random.Next(2);
                    }

                    break;
                case TensorElementType.UInt8 or TensorElementType.Int8:
                    random.NextBytes(tensor.Bytes);
                    break;
                case TensorElementType.Int32:
                    foreach (ref var v in tensor.AsSpan<int>())
                    {
                        v = random.Next(-100, 101);
                    }

                    break;
                case TensorElementType.Int64:
                    foreach (ref var v in tensor.AsSpan<long>())
                    {
                        v = random.Next(-100, 101);
                    }

                    break;
            }
        }
    }

    private static (double Low, double High) FloatRange(ModelProto model, string input)
    {
        var quantize = model.Graph.Node.FirstOrDefault(n => n.OpType == "QuantizeLinear" && n.Input.Count > 1 && n.Input[0] == input);
        if (quantize is null || Scalar(model, quantize.Input[1]) is not { } scale || scale <= 0)
        {
            return (-1, 1);
        }

        var zeroPoint = quantize.Input.Count > 2 ? model.Graph.Initializer.FirstOrDefault(t => t.Name == quantize.Input[2]) : null;
        bool signed = zeroPoint?.DataType == (int)TensorProto.Types.DataType.Int8;
        double zp = zeroPoint is null ? 0 : zeroPoint.Int32Data.Count > 0 ? zeroPoint.Int32Data[0] : zeroPoint.RawData.Length > 0 ? (signed ? (sbyte)zeroPoint.RawData[0] : zeroPoint.RawData[0]) : 0;
        double qmin = signed ? -128 : 0, qmax = signed ? 127 : 255;
        return ((qmin - zp) * scale, (qmax - zp) * scale);
    }

    private static double? Scalar(ModelProto model, string name) =>
        InitializerValues.Floats(model, name) is { Length: > 0 } values ? values[0] : null;
}
