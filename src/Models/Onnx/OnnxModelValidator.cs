using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Onnx;

/// <summary>
/// Structural checks every model passes before use (ONNX IR spec, "Graphs" and "Tensor definition"): a graph
/// and a default-domain opset exist, names are unique, nodes are in topological order and read only defined
/// values, and every initializer's data matches its type and shape.
/// </summary>
public static class OnnxModelValidator
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming the first problem found.</summary>
    public static void Validate(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.HasIrVersion || model.IrVersion < 3)
        {
            throw new InvalidDataException($"Model IR version {(model.HasIrVersion ? model.IrVersion : 0)} is missing or older than 3.");
        }

        if (!model.OpsetImport.Any(o => (o.Domain.Length == 0 || o.Domain == "ai.onnx") && o.Version >= 1))
        {
            throw new InvalidDataException("Model imports no opset for the default ONNX domain.");
        }

        GraphProto graph = model.Graph ?? throw new InvalidDataException("Model has no graph.");
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (ValueInfoProto input in graph.Input)
        {
            Define(defined, input.Name, "graph input");
        }

        foreach (TensorProto initializer in graph.Initializer)
        {
            // An initializer may share its name with a graph input (that input then has a default value).
            if (string.IsNullOrEmpty(initializer.Name))
            {
                throw new InvalidDataException("An initializer has no name.");
            }

            ValidateTensor(initializer, $"initializer '{initializer.Name}'");
            defined.Add(initializer.Name);
        }

        for (int i = 0; i < graph.Node.Count; i++)
        {
            NodeProto node = graph.Node[i];
            string where = $"node {i} ('{node.Name}', {node.OpType})";
            if (string.IsNullOrEmpty(node.OpType))
            {
                throw new InvalidDataException($"Node {i} ('{node.Name}') has no op_type.");
            }

            foreach (string input in node.Input)
            {
                if (input.Length != 0 && !defined.Contains(input))
                {
                    throw new InvalidDataException(
                        $"{where}: input '{input}' is not a graph input, an initializer or an earlier node's output (nodes must be in topological order).");
                }
            }

            foreach (AttributeProto attribute in node.Attribute)
            {
                if (attribute.T is not null)
                {
                    ValidateTensor(attribute.T, $"{where} attribute '{attribute.Name}'");
                }
            }

            foreach (string output in node.Output)
            {
                if (output.Length != 0)
                {
                    Define(defined, output, where + " output");
                }
            }
        }

        foreach (ValueInfoProto output in graph.Output)
        {
            if (!defined.Contains(output.Name))
            {
                throw new InvalidDataException($"Graph output '{output.Name}' is produced by no node, input or initializer.");
            }
        }
    }

    private static void Define(HashSet<string> defined, string name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidDataException($"A {what} has no name.");
        }

        if (!defined.Add(name))
        {
            throw new InvalidDataException($"{what}: value '{name}' is defined twice (ONNX graphs are single-assignment).");
        }
    }

    private static void ValidateTensor(TensorProto tensor, string what)
    {
        if (tensor.DataLocation == DataLocation.External)
        {
            throw new InvalidDataException($"{what}: external tensor data is not supported; embed the data in the model.");
        }

        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw new InvalidDataException($"{what}: negative dimension {dim}.");
            }

            count = checked(count * dim);
        }

        var type = (DataType)tensor.DataType;
        int size = ElementSize(type);
        if (size == 0)
        {
            throw new InvalidDataException($"{what}: unsupported or undefined data type {tensor.DataType}.");
        }

        if (tensor.HasRawData)
        {
            if (type == DataType.String)
            {
                throw new InvalidDataException($"{what}: string tensors cannot use raw_data.");
            }

            if (tensor.RawData.Length != count * size)
            {
                throw new InvalidDataException(
                    $"{what}: raw_data holds {tensor.RawData.Length} bytes but {count} elements of {type} need {count * size}.");
            }

            return;
        }

        // Which typed field carries each type, and how many entries an element takes (onnx.proto, TensorProto).
        (int entries, long perElement, string field) = type switch
        {
            DataType.Float => (tensor.FloatData.Count, 1L, "float_data"),
            DataType.Complex64 => (tensor.FloatData.Count, 2L, "float_data"),
            DataType.Int64 => (tensor.Int64Data.Count, 1L, "int64_data"),
            DataType.Double => (tensor.DoubleData.Count, 1L, "double_data"),
            DataType.Complex128 => (tensor.DoubleData.Count, 2L, "double_data"),
            DataType.Uint32 or DataType.Uint64 => (tensor.Uint64Data.Count, 1L, "uint64_data"),
            DataType.String => (tensor.StringData.Count, 1L, "string_data"),
            _ => (tensor.Int32Data.Count, 1L, "int32_data"),
        };
        if (entries != count * perElement)
        {
            throw new InvalidDataException($"{what}: {field} holds {entries} values but {count} elements of {type} need {count * perElement}.");
        }
    }

    private static int ElementSize(DataType type) => type switch
    {
        DataType.Uint8 or DataType.Int8 or DataType.Bool => 1,
        DataType.Uint16 or DataType.Int16 or DataType.Float16 or DataType.Bfloat16 => 2,
        DataType.Float or DataType.Int32 or DataType.Uint32 => 4,
        DataType.Int64 or DataType.Double or DataType.Uint64 or DataType.Complex64 => 8,
        DataType.Complex128 => 16,
        DataType.String => 1, // no raw form; nonzero so the type counts as supported
        _ => 0,
    };
}
