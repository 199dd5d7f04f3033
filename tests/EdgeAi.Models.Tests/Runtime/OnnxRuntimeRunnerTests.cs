using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;
using EdgeAi.Models.Tests.Onnx;

namespace EdgeAi.Models.Tests.Runtime;

public sealed class OnnxRuntimeRunnerTests
{
    private static byte[] VerifiedBytes(string file)
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf(file));
        OnnxModelReader.Read(bytes, OnnxFixtures.Sha256Of(file));
        return bytes;
    }

    private static double[] Initializer(string file, string name) =>
        OnnxFixtures.Get(file).GetProperty("initializers").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == name)
            .GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Create_Fixture_ReportsEngineKernelsAndDeclaredInfo()
    {
        using var runner = OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"));

        Assert.Equal(ModelEngine.OnnxRuntime, runner.Engine);
        Assert.Equal("mlas", runner.Kernels);
        TensorInfo input = Assert.Single(runner.InputInfo);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float32, input.ElementType);
        Assert.Equal([-1L, 8L], input.Shape);
        Assert.Equal([1, 8], runner.Inputs[0].Shape.ToArray());
        Assert.Equal([2, 1], runner.Outputs[0].Shape.ToArray());
    }

    [Fact]
    public void Run_MatMulInteger_MatchesIntegerReference()
    {
        const string File = "matmul_integer.onnx";
        using var runner = OnnxRuntimeRunner.Create(VerifiedBytes(File));
        double[] b = Initializer(File, "B");
        double[] bZero = Initializer(File, "b_zero_point");
        Span<byte> a = runner.Inputs[0].AsSpan<byte>();
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (byte)(17 * i + 3);
        }

        runner.Run();

        Span<int> y = runner.Outputs[0].AsSpan<int>();
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                int expected = 0;
                for (int k = 0; k < 5; k++)
                {
                    expected += (a[(r * 5) + k] - 7) * (int)(b[(k * 3) + c] - bZero[c]);
                }

                Assert.Equal(expected, y[(r * 3) + c]);
            }
        }
    }

    [Fact]
    public void Run_QLinearMatMul_MatchesRequantizedReference()
    {
        const string File = "qlinear_matmul.onnx";
        using var runner = OnnxRuntimeRunner.Create(VerifiedBytes(File));
        double[] b = Initializer(File, "b");
        byte[] a = [0, 100, 200, 255];
        a.CopyTo(runner.Inputs[0].AsSpan<byte>());

        runner.Run();

        for (int c = 0; c < 2; c++)
        {
            double acc = 0;
            for (int k = 0; k < 4; k++)
            {
                acc += (a[k] - 128) * b[(k * 2) + c];
            }

            double expected = Math.Clamp(Math.Round(acc * 0.02f * 0.01f / 0.05f, MidpointRounding.ToEven) + 100, 0, 255);
            Assert.InRange(runner.Outputs[0].AsSpan<byte>()[c], expected - 1, expected + 1);
        }
    }

    [Fact]
    public void Run_QdqMlpWithSymbolicBatch_UsesInputShapesAndMatchesFloatReference()
    {
        const string File = "qdq_mlp.onnx";
        var options = new ModelRunnerOptions();
        options.InputShapes["x"] = [3, 8];
        using var runner = OnnxRuntimeRunner.Create(VerifiedBytes(File), options);
        Assert.Equal([3, 8], runner.Inputs[0].Shape.ToArray());
        Assert.Equal([2, 3], runner.Outputs[0].Shape.ToArray());
        Span<float> x = runner.Inputs[0].AsSpan<float>();
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Sin(i * 0.7f) * 3;
        }

        runner.Run();

        double[] expected = QdqMlpReference(x.ToArray(), batch: 3);
        float[] actual = runner.Outputs[0].AsSpan<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4);
        }
    }

    [Fact]
    public void Run_Steady_AllocatesNoManagedMemory()
    {
        using var runner = OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"));
        runner.Run();
        runner.Run();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            runner.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        var runner = OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"));
        runner.Dispose();
        runner.Dispose();

        Assert.Throws<ObjectDisposedException>(runner.Run);
        Assert.Equal(2, runner.Outputs[0].ElementCount);
    }

    [Fact]
    public void Create_BadBytes_ThrowsInvalidDataWithOrtMessage()
    {
        var e = Assert.Throws<InvalidDataException>(() => OnnxRuntimeRunner.Create(new byte[] { 1, 2, 3, 4, 5 }));

        Assert.Contains("ONNX Runtime rejected the model", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length > "ONNX Runtime rejected the model: ".Length);
    }

    [Fact]
    public void Create_ShapeOfWrongRank_ThrowsNamingInput()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["x"] = [8];

        var e = Assert.Throws<ArgumentException>(() => OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"), options));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ShapeForUnknownInput_ThrowsNamingIt()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["X"] = [1, 8];

        var e = Assert.Throws<ArgumentException>(() => OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"), options));
        Assert.Contains("'X'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ZeroThreads_Throws()
    {
        var options = new ModelRunnerOptions { IntraOpThreads = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxRuntimeRunner.Create(VerifiedBytes("qdq_mlp.onnx"), options));
    }

    [Fact]
    public void Run_GraphInputAlsoAnOutput_OutputHoldsTheInput()
    {
        ModelProto model = TestModels.Relu();
        model.Graph.Output.Add(model.Graph.Input[0].Clone());
        byte[] bytes = OnnxModelWriter.ToBytes(model);
        using var runner = OnnxRuntimeRunner.Create(bytes);
        float[] x = [-1, 2, -3, 4];
        x.CopyTo(runner.Inputs[0].AsSpan<float>());

        runner.Run();

        Assert.Equal([0f, 2, 0, 4], runner.Outputs[0].AsSpan<float>().ToArray());
        Assert.Equal(x, runner.Outputs[1].AsSpan<float>().ToArray());
    }

    /// <summary>The fixture's graph in doubles: QDQ(x) -> MatMul(DQ(w)) -> +bias -> Relu -> Gemm(0.5, transB) -> Transpose -> *2.</summary>
    private static double[] QdqMlpReference(float[] x, int batch)
    {
        const string File = "qdq_mlp.onnx";
        double[] w = Initializer(File, "w_q");
        double[] wScale = Initializer(File, "w_scale");
        double[] bias = Initializer(File, "bias");
        double[] g = Initializer(File, "g_weight");
        var y = new double[2 * batch];
        for (int n = 0; n < batch; n++)
        {
            var hidden = new double[4];
            for (int c = 0; c < 4; c++)
            {
                double acc = 0;
                for (int k = 0; k < 8; k++)
                {
                    float q = Math.Clamp(MathF.Round(x[(n * 8) + k] / 0.05f, MidpointRounding.ToEven) + 128, 0, 255);
                    acc += (q - 128) * 0.05f * (float)(w[(k * 4) + c] * (float)wScale[c]);
                }

                hidden[c] = Math.Max(0, acc + bias[c]);
            }

            for (int o = 0; o < 2; o++)
            {
                double acc = 0;
                for (int c = 0; c < 4; c++)
                {
                    acc += hidden[c] * g[(o * 4) + c];
                }

                y[(o * batch) + n] = 0.5 * acc * 2;
            }
        }

        return y;
    }
}
