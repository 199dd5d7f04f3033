using EdgeAi.Models.Engine;
using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>
/// Mutated fixtures (initializers reshaped consistently with their data, integer attributes set to odd values) must
/// be planned, refused as unsupported, or rejected as invalid with a message: never an IndexOutOfRange or
/// another crash from inside the planner.
/// </summary>
public sealed class NativeMalformedModelTests
{
    [Theory]
    [MemberData(nameof(EngineFixtures.Supported), MemberType = typeof(EngineFixtures))]
    public void Create_ReshapedInitializers_FailsOnlyWithClearExceptions(string file)
    {
        int count = EngineFixtures.Load(file).Graph.Initializer.Count;
        for (int i = 0; i < count; i++)
        {
            foreach (Func<long[], long[]> reshape in new Func<long[], long[]>[]
            {
                dims => [dims.Aggregate(1L, (a, d) => a * d)],
                dims => dims.Reverse().ToArray(),
                dims => [1, .. dims],
                dims => [],
            })
            {
                ModelProto model = EngineFixtures.Load(file);
                TensorProto t = model.Graph.Initializer[i];
                long[] dims = reshape(t.Dims.ToArray());
                if (dims.Length == 0 && t.Dims.Aggregate(1L, (a, d) => a * d) != 1)
                {
                    continue;
                }

                t.Dims.Clear();
                t.Dims.AddRange(dims);
                AssertPlansOrFailsClearly(model, $"{file}: initializer '{t.Name}' as [{string.Join(",", dims)}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(EngineFixtures.Supported), MemberType = typeof(EngineFixtures))]
    public void Create_OddIntegerAttributes_FailsOnlyWithClearExceptions(string file)
    {
        int nodes = EngineFixtures.Load(file).Graph.Node.Count;
        for (int n = 0; n < nodes; n++)
        {
            int attributes = EngineFixtures.Load(file).Graph.Node[n].Attribute.Count;
            for (int a = 0; a < attributes; a++)
            {
                foreach (long odd in new long[] { -1, 0, 3, 1000, int.MaxValue + 1L })
                {
                    ModelProto model = EngineFixtures.Load(file);
                    AttributeProto attribute = model.Graph.Node[n].Attribute[a];
                    if (attribute.Ints.Count > 0)
                    {
                        attribute.Ints[0] = odd;
                    }
                    else if (attribute.Type == AttributeProto.Types.AttributeType.Int)
                    {
                        attribute.I = odd;
                    }
                    else
                    {
                        continue;
                    }

                    AssertPlansOrFailsClearly(model, $"{file}: node {model.Graph.Node[n].Name} attribute {attribute.Name} = {odd}");
                }
            }
        }
    }

    private static void AssertPlansOrFailsClearly(ModelProto model, string what)
    {
        try
        {
            using NativeRunner runner = NativeRunner.Create(model);
            EngineFixtures.Fill(runner.Inputs, 5);
            runner.Run();
        }
        catch (Exception e) when (e is NativeModelNotSupportedException or InvalidDataException)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), what);
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }

        _ = NativeSupport.Check(model); // never throws
    }
}
