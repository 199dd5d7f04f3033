using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Typed access to a node's attributes with the defaults the ONNX operator specs give.</summary>
internal static class NodeAttributes
{
    public static AttributeProto? Find(NodeProto node, string name)
    {
        foreach (AttributeProto a in node.Attribute)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }

    public static long Int(NodeProto node, string name, long fallback) => Find(node, name) is { } a ? a.I : fallback;

    public static float Float(NodeProto node, string name, float fallback) => Find(node, name) is { } a ? a.F : fallback;

    public static string String(NodeProto node, string name, string fallback) =>
        Find(node, name) is { } a ? a.S.ToStringUtf8() : fallback;

    public static long[]? Ints(NodeProto node, string name) => Find(node, name) is { } a ? a.Ints.ToArray() : null;

    /// <summary>Largest kernel, stride, dilation, pad or group accepted (far above any edge model; keeps the int arithmetic of shapes safe).</summary>
    public const long MaxGeometry = 1 << 20;

    /// <summary>An ints attribute (or <paramref name="fallback"/>) whose every entry lies in [<paramref name="min"/>, <see cref="MaxGeometry"/>].</summary>
    /// <exception cref="InvalidDataException">An entry is out of range.</exception>
    public static long[]? Geometry(NodeProto node, string name, long min, long[]? fallback)
    {
        long[]? values = Ints(node, name) ?? fallback;
        if (values is not null && values.Any(v => v < min || v > MaxGeometry))
        {
            throw new InvalidDataException($"attribute {name} [{string.Join(",", values)}] has an entry outside [{min}, {MaxGeometry}].");
        }

        return values;
    }

    /// <summary>Requires an attribute to be absent or equal to <paramref name="supported"/>.</summary>
    public static void RequireInt(NodeProto node, string name, long supported)
    {
        long value = Int(node, name, supported);
        if (value != supported)
        {
            throw new UnsupportedNodeException($"attribute {name}={value} is not supported (only {supported})");
        }
    }
}
