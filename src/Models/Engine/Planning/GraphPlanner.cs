using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>
/// Turns a validated ONNX graph into an <see cref="EnginePlan"/>: decodes initializers, binds input shapes, finds
/// the QDQ patterns to fuse, infers every shape node by node, packs weights and allocates every buffer. Problems
/// (unsupported ops, attributes, dtypes, shapes) are collected as <see cref="NativeSupportProblem"/>s.
/// </summary>
internal sealed partial class GraphPlanner
{
    /// <summary>Operators of the default domain the engine plans (float MatMul, Gemm and Conv only inside a QDQ pattern).</summary>
    public static readonly IReadOnlySet<string> SupportedOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "QuantizeLinear", "DequantizeLinear", "QLinearMatMul", "MatMulInteger", "QLinearConv", "MatMul", "Gemm", "Conv",
        "Relu", "Clip", "Add", "Mul", "Reshape", "Flatten", "Transpose", "MaxPool", "AveragePool", "GlobalAveragePool",
        "Sigmoid", "Softmax", "Concat", "Identity", "Constant",
    };

    private readonly GraphProto _graph;
    private readonly ModelRunnerOptions _options;
    private readonly long _opset;
    private readonly QGemm? _gemm;
    private readonly Dictionary<string, EngineValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _undecodable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _constantNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _graphOutputs = new(StringComparer.Ordinal);
    private readonly Dictionary<int, FusedPattern> _patterns = [];
    private readonly bool[] _absorbed;
    private readonly List<EngineStep> _steps = [];
    private readonly List<EngineValue[]> _stepReads = [];
    private readonly List<EngineValue[]> _stepWrites = [];
    private readonly List<EngineValue> _defined = [];
    private readonly List<NativeSupportProblem> _problems = [];
    private long _intermediateBytes;
    private long _unsharedBytes;

    public GraphPlanner(ModelProto model, ModelRunnerOptions options, QGemm? gemm)
    {
        _graph = model.Graph;
        _options = options;
        _gemm = gemm;
        _opset = model.OpsetImport.Where(o => o.Domain.Length == 0 || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        _absorbed = new bool[_graph.Node.Count];
        for (int i = 0; i < _graph.Node.Count; i++)
        {
            NodeProto node = _graph.Node[i];
            foreach (string output in node.Output)
            {
                _producer[output] = i;
            }

            foreach (string input in node.Input)
            {
                if (input.Length == 0)
                {
                    continue;
                }

                if (!_consumers.TryGetValue(input, out List<int>? list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(i);
            }

            if (node.OpType == "Constant")
            {
                _constantNames.UnionWith(node.Output);
            }
        }

        foreach (TensorProto initializer in _graph.Initializer)
        {
            _constantNames.Add(initializer.Name);
        }

        foreach (ValueInfoProto output in _graph.Output)
        {
            _graphOutputs.Add(output.Name);
        }
    }

    /// <summary>Problems found by <see cref="Build"/>; empty when the plan was made.</summary>
    public IReadOnlyList<NativeSupportProblem> Problems => _problems;

    /// <summary>Plans the graph; null when there are <see cref="Problems"/>.</summary>
    /// <exception cref="InvalidDataException">The model is malformed (the message names the node or tensor).</exception>
    /// <exception cref="ArgumentException">An input shape in the options does not fit the model's input.</exception>
    public EnginePlan? Build()
    {
        ScanOperators();
        FindPatterns();
        FindPassthroughs();
        DecodeInitializers();
        List<TensorInfo> inputInfo = BindInputs(out List<Tensor> inputs);
        if (_problems.Count > 0)
        {
            return null;
        }

        for (int i = 0; i < _graph.Node.Count && _problems.Count == 0; i++)
        {
            NodeProto node = _graph.Node[i];
            if ((_absorbed[i] && !_patterns.ContainsKey(i) && !_passthroughs.ContainsKey(i)) || IsSkippedDequantize(i))
            {
                continue;
            }

            try
            {
                PlanNode(i, node);
            }
            catch (UnsupportedNodeException e)
            {
                Problem(node, e.Message);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or OverflowException)
            {
                // Kernel constructors and Tensor validate their arguments too (sizes, ranges): the model is what is wrong.
                throw new InvalidDataException($"Node '{node.Name}' ({node.OpType}): {e.Message}", e);
            }
        }

        if (_problems.Count > 0)
        {
            return null; // the outputs downstream of the first problem were never planned
        }

        List<TensorInfo> outputInfo = BindOutputs(out List<Tensor> outputs);
        if (_problems.Count > 0)
        {
            return null;
        }

        BindSharedBuffers();
        return new EnginePlan(inputInfo, outputInfo, [.. inputs], [.. outputs], [.. _steps], _intermediateBytes, _unsharedBytes);
    }

    private void Problem(NodeProto node, string reason) => _problems.Add(new NativeSupportProblem(node.Name, node.OpType, node.Domain, reason));

    private void GraphProblem(string reason) => _problems.Add(new NativeSupportProblem(string.Empty, string.Empty, string.Empty, reason));

    /// <summary>Every node of another domain or an op type the engine lacks, all listed at once.</summary>
    private void ScanOperators()
    {
        foreach (NodeProto node in _graph.Node)
        {
            if (node.Domain.Length != 0 && node.Domain != "ai.onnx")
            {
                Problem(node, $"operator domain '{node.Domain}' is not supported (only the default ONNX domain)");
            }
            else if (!SupportedOps.Contains(node.OpType))
            {
                Problem(node, $"operator {node.OpType} is not supported by the native engine");
            }
        }
    }

    private void DecodeInitializers()
    {
        foreach (TensorProto initializer in _graph.Initializer)
        {
            try
            {
                _values[initializer.Name] = new EngineValue(initializer.Name, InitializerDecoder.Decode(initializer, initializer.Name), isConstant: true);
            }
            catch (UnsupportedNodeException e)
            {
                _undecodable[initializer.Name] = e.Message;
            }
        }
    }

    private List<TensorInfo> BindInputs(out List<Tensor> inputs)
    {
        inputs = [];
        var infos = new List<TensorInfo>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (ValueInfoProto input in _graph.Input)
        {
            if (_constantNames.Contains(input.Name))
            {
                continue; // an initializer listed as an input (IR < 4 style): a constant here
            }

            declared.Add(input.Name);
            TypeProto.Types.Tensor? tensorType = input.Type?.TensorType;
            TensorElementType? type = tensorType is null ? null : TensorElementTypes.FromOnnx(tensorType.ElemType);
            if (type is null || type == TensorElementType.Bool)
            {
                GraphProblem($"graph input '{input.Name}' has element type {tensorType?.ElemType.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, which the native engine does not run");
                continue;
            }

            if (tensorType!.Shape is null)
            {
                GraphProblem($"graph input '{input.Name}' has no shape; the native engine binds fixed shapes");
                continue;
            }

            var dims = tensorType.Shape.Dim.Select(d => d.HasDimValue ? d.DimValue : -1L).ToList();
            int[] shape = BindShape(input.Name, dims);
            var tensor = new Tensor(input.Name, type.Value, shape);
            _values[input.Name] = new EngineValue(input.Name, tensor, isConstant: false);
            inputs.Add(tensor);
            infos.Add(new TensorInfo(input.Name, type.Value, dims));
        }

        foreach (string name in _options.InputShapes.Keys)
        {
            if (!declared.Contains(name))
            {
                throw new ArgumentException($"InputShapes names '{name}', which is not an input of the model (inputs: {string.Join(", ", declared)}).");
            }
        }

        return infos;
    }

    private int[] BindShape(string name, List<long> declared)
    {
        if (!_options.InputShapes.TryGetValue(name, out int[]? given))
        {
            return declared.Select(d => d < 0 ? 1 : (int)d).ToArray();
        }

        if (given.Length != declared.Count)
        {
            throw new ArgumentException($"Input '{name}': shape [{string.Join(",", given)}] has rank {given.Length} but the model declares rank {declared.Count}.");
        }

        for (int i = 0; i < given.Length; i++)
        {
            if (given[i] < 1 || (declared[i] >= 0 && declared[i] != given[i]))
            {
                throw new ArgumentException($"Input '{name}': dimension {i} is {given[i]} but the model declares {(declared[i] < 0 ? "a positive size" : declared[i].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
            }
        }

        return (int[])given.Clone();
    }

    private List<TensorInfo> BindOutputs(out List<Tensor> outputs)
    {
        outputs = [];
        var infos = new List<TensorInfo>();
        foreach (ValueInfoProto output in _graph.Output)
        {
            if (!_values.TryGetValue(output.Name, out EngineValue? value))
            {
                GraphProblem($"graph output '{output.Name}' was not planned");
                continue;
            }

            TypeProto.Types.Tensor? tensorType = output.Type?.TensorType;
            var dims = tensorType?.Shape?.Dim.Select(d => d.HasDimValue ? d.DimValue : -1L).ToList() ?? [.. value.Shape.Select(d => (long)d)];
            if (tensorType is not null && tensorType.ElemType != 0 && tensorType.ElemType != (int)value.Type)
            {
                GraphProblem($"graph output '{output.Name}' is declared with element type {tensorType.ElemType} but the engine infers {value.Type}");
                continue;
            }

            if (tensorType?.Shape is not null && (dims.Count != value.Rank || dims.Where((d, i) => d >= 0 && d != value.Shape[i]).Any()))
            {
                GraphProblem($"graph output '{output.Name}' is declared [{string.Join(",", dims)}] but the bound shapes give [{string.Join(",", value.Shape)}]");
                continue;
            }

            outputs.Add(value.Tensor);
            infos.Add(new TensorInfo(output.Name, value.Type, dims));
        }

        return infos;
    }

    /// <summary>A DequantizeLinear whose every consumer was fused away (and which is no graph output) is not run.</summary>
    private bool IsSkippedDequantize(int index)
    {
        NodeProto node = _graph.Node[index];
        if (node.OpType != "DequantizeLinear" || _graphOutputs.Contains(node.Output[0]))
        {
            return false;
        }

        return _consumers.TryGetValue(node.Output[0], out List<int>? consumers) && consumers.All(c => _absorbed[c]);
    }

    private EngineValue Value(string name)
    {
        if (_values.TryGetValue(name, out EngineValue? value))
        {
            return value;
        }

        if (_undecodable.TryGetValue(name, out string? reason))
        {
            throw new UnsupportedNodeException(reason);
        }

        throw new UnsupportedNodeException($"value '{name}' is not available (it comes from a node that was not planned)");
    }

    private EngineValue? OptionalInput(NodeProto node, int index) =>
        index < node.Input.Count && node.Input[index].Length != 0 ? Value(node.Input[index]) : null;

    private EngineValue Input(NodeProto node, int index)
    {
        if (index >= node.Input.Count || node.Input[index].Length == 0)
        {
            throw new InvalidDataException($"input {index} is missing.");
        }

        return Value(node.Input[index]);
    }

    private EngineValue Constant(NodeProto node, int index, string what)
    {
        EngineValue value = Input(node, index);
        if (!value.IsConstant)
        {
            throw new UnsupportedNodeException($"{what} (input {index}, '{value.Name}') must be a constant initializer");
        }

        return value;
    }

    private int SoleConsumer(string value)
    {
        if (_graphOutputs.Contains(value) || !_consumers.TryGetValue(value, out List<int>? list) || list.Count != 1)
        {
            return -1;
        }

        return list[0];
    }

    private static int NormalizeAxis(long axis, int rank, string what)
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1))
        {
            throw new InvalidDataException($"{what} {axis} is out of range for rank {rank}.");
        }

        return (int)a;
    }
}
