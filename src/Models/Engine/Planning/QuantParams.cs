using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Constant scales and zero points of a Q/DQ node or a QOperator input (one each, or one per channel).</summary>
internal sealed record QuantParams(float[] Scales, int[] ZeroPoints, TensorElementType Type)
{
    public bool PerTensor => Scales.Length == 1;

    public static QuantParams From(EngineValue scale, EngineValue? zeroPoint, TensorElementType defaultType, string what)
    {
        if (scale.Type != TensorElementType.Float32)
        {
            throw new UnsupportedNodeException($"{what} scale '{scale.Name}' is {scale.Type}; only float scales are supported");
        }

        if (!scale.IsConstant || (zeroPoint is not null && !zeroPoint.IsConstant))
        {
            throw new UnsupportedNodeException($"{what} scale and zero point must be constant initializers");
        }

        float[] scales = scale.Tensor.AsSpan<float>().ToArray();
        if (scales.Length == 0 || scale.Rank > 1)
        {
            throw new InvalidDataException($"{what} scale '{scale.Name}' must be a scalar or a 1-D tensor, not [{string.Join(",", scale.Shape)}].");
        }

        foreach (float s in scales)
        {
            if (!(s > 0f) || float.IsInfinity(s))
            {
                throw new InvalidDataException($"{what} scale '{scale.Name}' holds {s}; scales must be positive and finite.");
            }
        }

        if (zeroPoint is null)
        {
            return new QuantParams(scales, new int[scales.Length], defaultType);
        }

        if (zeroPoint.Count != scales.Length)
        {
            throw new InvalidDataException($"{what} zero point '{zeroPoint.Name}' has {zeroPoint.Count} values but the scale has {scales.Length}.");
        }

        int[] zps = zeroPoint.Type switch
        {
            TensorElementType.UInt8 => zeroPoint.Tensor.Bytes.ToArray().Select(b => (int)b).ToArray(),
            TensorElementType.Int8 => zeroPoint.Tensor.AsSpan<sbyte>().ToArray().Select(b => (int)b).ToArray(),
            TensorElementType.Int32 => zeroPoint.Tensor.AsSpan<int>().ToArray(),
            _ => throw new UnsupportedNodeException($"{what} zero point '{zeroPoint.Name}' is {zeroPoint.Type}; only uint8, int8 and int32 are supported"),
        };
        return new QuantParams(scales, zps, zeroPoint.Type);
    }
}
