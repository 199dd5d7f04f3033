using BenchmarkDotNet.Attributes;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAi.Models.Benchmarks;

/// <summary>
/// ONNX Runtime's MatMulInteger (u8 x s8, MLAS) on the same shapes and data: one intra-op thread, spinning off,
/// inputs and outputs bound to pre-allocated OrtValues so only the run itself is measured.
/// </summary>
[MemoryDiagnoser]
public class OrtMatMulIntegerBenchmarks
{
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _a = null!;
    private OrtValue _y = null!;
    private readonly string[] _inputNames = ["A"];
    private readonly string[] _outputNames = ["Y"];
    private OrtValue[] _inputs = [];
    private OrtValue[] _outputs = [];

    public static IEnumerable<GemmShape> Shapes => GemmShape.IssueShapes;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.IssueShapes.First();

    [GlobalSetup]
    public void Setup()
    {
        byte[] model = OnnxModelWriter.ToBytes(BuildModel(Shape));
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        _runOptions = new RunOptions();
        _a = OrtValue.CreateTensorValueFromMemory(GemmInputs.Activations(Shape), [Shape.M, Shape.K]);
        _y = OrtValue.CreateTensorValueFromMemory(new int[Shape.M * Shape.N], [Shape.M, Shape.N]);
        _inputs = [_a];
        _outputs = [_y];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _y.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    [Benchmark]
    public void MatMulInteger() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    private static ModelProto BuildModel(GemmShape shape)
    {
        sbyte[] weights = GemmInputs.Weights(shape);
        var b = new TensorProto
        {
            Name = "B",
            DataType = (int)TensorProto.Types.DataType.Int8,
            Dims = { shape.K, shape.N },
            RawData = ByteString.CopyFrom((byte[])(Array)weights),
        };
        var aZero = new TensorProto
        {
            Name = "a_zero_point",
            DataType = (int)TensorProto.Types.DataType.Uint8,
            RawData = ByteString.CopyFrom(GemmInputs.ActivationZeroPoint),
        };
        return new ModelProto
        {
            IrVersion = 8,
            ProducerName = "edgeai-benchmarks",
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 } },
            Graph = new GraphProto
            {
                Name = "matmul_integer",
                Input = { ValueInfo("A", TensorProto.Types.DataType.Uint8, shape.M, shape.K) },
                Output = { ValueInfo("Y", TensorProto.Types.DataType.Int32, shape.M, shape.N) },
                Initializer = { b, aZero },
                Node = { new NodeProto { OpType = "MatMulInteger", Input = { "A", "B", "a_zero_point" }, Output = { "Y" } } },
            },
        };
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long rows, long columns) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)type,
                Shape = new TensorShapeProto
                {
                    Dim =
                    {
                        new TensorShapeProto.Types.Dimension { DimValue = rows },
                        new TensorShapeProto.Types.Dimension { DimValue = columns },
                    },
                },
            },
        },
    };
}
