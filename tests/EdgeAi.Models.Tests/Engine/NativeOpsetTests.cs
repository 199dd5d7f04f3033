using EdgeAi.Models.Engine;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>Operator semantics that changed between opsets, on small models built here.</summary>
public sealed class NativeOpsetTests
{
    [Fact]
    public void Run_SoftmaxOpset11_NormalizesOverTheFlattenedTrailingAxes()
    {
        using NativeRunner runner = NativeRunner.Create(SoftmaxModel(opset: 11, axis: 1));
        Span<float> x = runner.Inputs[0].AsSpan<float>(); // [2, 3, 4]
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (i % 7) * 0.3f;
        }

        runner.Run();
        Span<float> y = runner.Outputs[0].AsSpan<float>();
        for (int b = 0; b < 2; b++)
        {
            double sum = 0;
            for (int j = 0; j < 12; j++)
            {
                sum += Math.Exp(x[(b * 12) + j]);
            }

            for (int j = 0; j < 12; j++)
            {
                Assert.Equal(Math.Exp(x[(b * 12) + j]) / sum, y[(b * 12) + j], 5);
            }
        }
    }

    [Fact]
    public void Run_SoftmaxOpset13_NormalizesOverTheAxisOnly()
    {
        using NativeRunner runner = NativeRunner.Create(SoftmaxModel(opset: 13, axis: 1));
        Span<float> x = runner.Inputs[0].AsSpan<float>();
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (i % 5) * 0.7f;
        }

        runner.Run();
        Span<float> y = runner.Outputs[0].AsSpan<float>();
        for (int b = 0; b < 2; b++)
        {
            for (int k = 0; k < 4; k++)
            {
                double sum = 0;
                for (int c = 0; c < 3; c++)
                {
                    sum += Math.Exp(x[(b * 12) + (c * 4) + k]);
                }

                for (int c = 0; c < 3; c++)
                {
                    int i = (b * 12) + (c * 4) + k;
                    Assert.Equal(Math.Exp(x[i]) / sum, y[i], 5);
                }
            }
        }
    }

    [Fact]
    public void Run_SoftmaxOfHugeLogits_StaysFinite()
    {
        using NativeRunner runner = NativeRunner.Create(SoftmaxModel(opset: 13, axis: -1));
        runner.Inputs[0].AsSpan<float>().Fill(1e30f);
        runner.Inputs[0].AsSpan<float>()[0] = 1e30f + 1e25f;
        runner.Run();
        Assert.All(runner.Outputs[0].AsSpan<float>().ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    private static ModelProto SoftmaxModel(int opset, int axis)
    {
        ValueInfoProto Info(string name) => new()
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 2 }, new TensorShapeProto.Types.Dimension { DimValue = 3 }, new TensorShapeProto.Types.Dimension { DimValue = 4 } } },
                },
            },
        };

        return new ModelProto
        {
            IrVersion = 7,
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = opset } },
            Graph = new GraphProto
            {
                Name = "softmax",
                Input = { Info("x") },
                Output = { Info("y") },
                Node =
                {
                    new NodeProto
                    {
                        Name = "softmax", OpType = "Softmax", Input = { "x" }, Output = { "y" },
                        Attribute = { new AttributeProto { Name = "axis", I = axis, Type = AttributeProto.Types.AttributeType.Int } },
                    },
                },
            },
        };
    }
}
