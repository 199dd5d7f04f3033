namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>Names and sizes of <see cref="TensorDataType"/> on the wire and in <c>config.pbtxt</c>.</summary>
internal static class TensorDataTypes
{
    private static readonly (TensorDataType Type, string Protocol, int Size)[] Table =
    [
        (TensorDataType.Bool, "BOOL", 1),
        (TensorDataType.UInt8, "UINT8", 1),
        (TensorDataType.UInt16, "UINT16", 2),
        (TensorDataType.UInt32, "UINT32", 4),
        (TensorDataType.UInt64, "UINT64", 8),
        (TensorDataType.Int8, "INT8", 1),
        (TensorDataType.Int16, "INT16", 2),
        (TensorDataType.Int32, "INT32", 4),
        (TensorDataType.Int64, "INT64", 8),
        (TensorDataType.Fp32, "FP32", 4),
        (TensorDataType.Fp64, "FP64", 8),
    ];

    /// <summary>The protocol name, e.g. <c>FP32</c>.</summary>
    public static string ToProtocolName(this TensorDataType type) => Table[(int)type].Protocol;

    /// <summary>Bytes per element in the little-endian binary layout.</summary>
    public static int ElementSize(this TensorDataType type) => Table[(int)type].Size;

    /// <summary>Parses a protocol datatype name (case-sensitive, as the spec spells them).</summary>
    public static bool TryParseProtocolName(string? name, out TensorDataType type)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Protocol, name, StringComparison.Ordinal))
            {
                type = entry.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>
    /// Parses a Triton model-configuration data type (<c>TYPE_FP32</c>); Triton's names are the protocol
    /// names with a <c>TYPE_</c> prefix (model_config.proto, DataType).
    /// </summary>
    public static bool TryParseConfigName(string name, out TensorDataType type)
    {
        const string Prefix = "TYPE_";
        type = default;
        return name.StartsWith(Prefix, StringComparison.Ordinal) && TryParseProtocolName(name[Prefix.Length..], out type);
    }
}
