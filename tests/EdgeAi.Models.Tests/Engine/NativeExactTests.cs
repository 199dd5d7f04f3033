using EdgeAi.Models.Engine;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>Operators with exact results, checked against hand-computed references (no ONNX Runtime involved).</summary>
public sealed class NativeExactTests
{
    [Theory]
    [InlineData("matmul_integer_u8.onnx")]
    [InlineData("matmul_integer_s8.onnx")]
    public void Run_MatMulInteger_EqualsIntegerReference(string file)
    {
        var model = EngineFixtures.Load(file);
        using NativeRunner runner = NativeRunner.Create(model);
        EngineFixtures.Fill(runner.Inputs, 42);
        runner.Run();

        var b = model.Graph.Initializer.Single(t => t.Name.StartsWith("b_", StringComparison.Ordinal) && !t.Name.StartsWith("b_zp", StringComparison.Ordinal));
        var bZp = model.Graph.Initializer.Single(t => t.Name.StartsWith("b_zp", StringComparison.Ordinal));
        var aZp = model.Graph.Initializer.Single(t => t.Name.StartsWith("a_zp", StringComparison.Ordinal));
        sbyte[] w = b.RawData.ToByteArray().Select(v => (sbyte)v).ToArray();
        sbyte[] wz = bZp.RawData.ToByteArray().Select(v => (sbyte)v).ToArray();
        Tensor a = runner.Inputs[0];
        bool signed = a.ElementType == TensorElementType.Int8;
        int az = signed ? (sbyte)aZp.RawData[0] : aZp.RawData[0];
        int k = (int)b.Dims[0];
        int n = (int)b.Dims[1];
        int m = a.ElementCount / k;
        Span<int> y = runner.Outputs[0].AsSpan<int>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int sum = 0;
                for (int p = 0; p < k; p++)
                {
                    int av = signed ? (sbyte)a.Bytes[(i * k) + p] : a.Bytes[(i * k) + p];
                    sum += (av - az) * (w[(p * n) + j] - wz[j]);
                }

                Assert.Equal(sum, y[(i * n) + j]);
            }
        }
    }

    [Fact]
    public void Run_QuantizeLinear_EqualsHandComputedRoundHalfToEven()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("quantize_dequantize.onnx"));
        Span<float> x = runner.Inputs[0].AsSpan<float>();
        // Scale 0.05, zero point -7 (int8): ties at x/scale = k + 0.5 go to the even k; out of range saturates.
        float[] values = [0.025f, 0.075f, -0.025f, -0.075f, 0.125f, 100f, -100f, 0f, 1.0f, -0.35f, 6.35f, 0.05f];
        values.CopyTo(x);
        runner.Run();
        sbyte[] expected = [-7, -5, -7, -9, -5, 127, -128, -7, 13, -14, 120, -6];
        Assert.Equal(expected, runner.Outputs[0].AsSpan<sbyte>()[..values.Length].ToArray());
    }

    [Fact]
    public void Run_QuantizeLinearPerAxis_UsesEachChannelsScaleAndZeroPoint()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("quantize_dequantize.onnx"));
        Span<float> x = runner.Inputs[0].AsSpan<float>(); // [2, 3, 4], axis 1: scales 0.02, 0.1, 0.5; zero points 0, 128, 250
        x.Fill(1.0f);
        runner.Run();
        byte[] q = runner.Outputs[1].Bytes.ToArray();
        Assert.All(q[0..4], v => Assert.Equal(50, v));
        Assert.All(q[4..8], v => Assert.Equal(138, v));
        Assert.All(q[8..12], v => Assert.Equal(252, v));
        Assert.Equal(1.0f, runner.Outputs[2].AsSpan<float>()[5], 6);
    }

    [Fact]
    public void Run_MaxPoolReshapeTransposeConcatOnBytes_AreExactReorderings()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qop_bytes.onnx"));
        Span<byte> x = runner.Inputs[0].Bytes; // [1, 3, 8, 8]
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (byte)((i * 37) % 251);
        }

        runner.Run();
        // MaxPool 3x3, stride 2, pads 1 -> [1,3,4,4]; reshape [1,3,16]; transpose [1,16,3]; concat with itself -> [1,16,6].
        byte[] y = runner.Outputs[0].Bytes.ToArray();
        for (int c = 0; c < 3; c++)
        {
            for (int oy = 0; oy < 4; oy++)
            {
                for (int ox = 0; ox < 4; ox++)
                {
                    byte max = 0;
                    for (int iy = Math.Max((2 * oy) - 1, 0); iy <= Math.Min((2 * oy) + 1, 7); iy++)
                    {
                        for (int ix = Math.Max((2 * ox) - 1, 0); ix <= Math.Min((2 * ox) + 1, 7); ix++)
                        {
                            max = Math.Max(max, x[(c * 64) + (iy * 8) + ix]);
                        }
                    }

                    int position = (oy * 4) + ox;
                    Assert.Equal(max, y[(position * 6) + c]);
                    Assert.Equal(max, y[(position * 6) + 3 + c]);
                }
            }
        }
    }

    [Fact]
    public void Create_DefaultOptions_ReportsNativeEngineAndDefaultKernels()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"));
        Assert.Equal(ModelEngine.Native, runner.Engine);
        Assert.Equal(KernelSelector.NameOf(KernelSelector.Default), runner.Kernels);
        Assert.Equal("x", runner.InputInfo[0].Name);
        Assert.Equal([-1L, 16L], runner.InputInfo[0].Shape);
        Assert.Equal([1, 16], runner.Inputs[0].Shape.ToArray());
    }

    [Fact]
    public void Create_SymbolicBatchFromOptions_BindsEveryShape()
    {
        var options = new ModelRunnerOptions();
        options.InputShapes["x"] = [7, 16];
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"), options);
        Assert.Equal([7, 5], runner.Outputs[0].Shape.ToArray());
        EngineFixtures.Fill(runner.Inputs, 3);
        runner.Run();
        Span<float> y = runner.Outputs[0].AsSpan<float>();
        for (int r = 0; r < 7; r++)
        {
            float sum = 0;
            foreach (float p in y.Slice(r * 5, 5))
            {
                sum += p;
            }

            Assert.Equal(1f, sum, 5);
        }
    }

    [Fact]
    public void Run_AfterDispose_Throws()
    {
        NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qop_bytes.onnx"));
        runner.Dispose();
        Assert.Throws<ObjectDisposedException>(runner.Run);
    }
}
