using EdgeAi.EdgeHost.Inference;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.EdgeHost.Tests.Inference;

/// <summary>
/// A runner computing softmax(w · x) for a weight row per class, and ONNX bytes that carry the weights in their
/// doc string (the fake factory reads them back), so each "version" of a model really computes differently.
/// </summary>
internal sealed class LinearRunner : IModelRunner
{
    private readonly float[][] _weights;
    private bool _disposed;

    public LinearRunner(float[][] weights)
    {
        _weights = weights;
        Inputs = [new Tensor("input", TensorElementType.Float32, [1, weights[0].Length])];
        Outputs = [new Tensor("probabilities", TensorElementType.Float32, [1, weights.Length])];
    }

    public ModelEngine Engine => ModelEngine.Native;

    public string Kernels => "fake";

    public IReadOnlyList<TensorInfo> InputInfo => [new("input", TensorElementType.Float32, [1, _weights[0].Length])];

    public IReadOnlyList<TensorInfo> OutputInfo => [new("probabilities", TensorElementType.Float32, [1, _weights.Length])];

    public IReadOnlyList<Tensor> Inputs { get; }

    public IReadOnlyList<Tensor> Outputs { get; }

    public bool Disposed => _disposed;

    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var x = Inputs[0].AsSpan<float>();
        var y = Outputs[0].AsSpan<float>();
        double total = 0;
        for (int c = 0; c < _weights.Length; c++)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += _weights[c][i] * x[i];
            }

            y[c] = (float)Math.Exp(s);
            total += y[c];
        }

        for (int c = 0; c < y.Length; c++)
        {
            y[c] = (float)(y[c] / total);
        }
    }

    public void Dispose() => _disposed = true;
}

internal sealed class LinearRunnerFactory : IModelRunnerFactory
{
    public List<LinearRunner> Created { get; } = [];

    public IModelRunner Create(ReadOnlyMemory<byte> verifiedBytes, ModelProto model, string engine)
    {
        var weights = model.DocString.Split(';').Select(row => row.Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var runner = new LinearRunner(weights);
        Created.Add(runner);
        return runner;
    }
}

internal static class FakeModels
{
    /// <summary>A valid ONNX file (Identity over [1, n]) whose doc string holds the fake runner's weights.</summary>
    public static byte[] Bytes(float[][] weights, bool golden = true, float goldenShift = 0)
    {
        var n = weights[0].Length;
        var model = new ModelProto
        {
            IrVersion = 8,
            DocString = string.Join(";", weights.Select(r => string.Join(",", r.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))))),
            Graph = new GraphProto { Name = "fake" },
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        model.Graph.Input.Add(Value("input", 1, n));
        model.Graph.Output.Add(Value("output", 1, n));
        model.Graph.Node.Add(new NodeProto { OpType = "Identity", Name = "id", Input = { "input" }, Output = { "output" } });
        if (golden)
        {
            var input = Enumerable.Range(0, n).Select(i => (float)(i + 1) / n).ToArray();
            var runner = new LinearRunner(weights);
            input.CopyTo(runner.Inputs[0].AsSpan<float>());
            runner.Run();
            var output = runner.Outputs[0].AsSpan<float>().ToArray().Select(v => v + goldenShift).ToArray();
            new ModelGolden(input, output, 1e-5f).WriteTo(model);
        }

        return OnnxModelWriter.ToBytes(model);
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
