using System.Text.Json;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;
using EdgeAi.Models.Tests.Onnx;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>The fixtures built by Fixtures/Onnx/make_engine_fixtures.py (engine_manifest.json) and seeded inputs for them.</summary>
public static class EngineFixtures
{
    private static readonly Lazy<JsonElement> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OnnxFixtures.Directory, "engine_manifest.json"))).RootElement.Clone());

    public static IEnumerable<JsonElement> All => Manifest.Value.GetProperty("fixtures").EnumerateArray();

    public static string FileOf(JsonElement f) => f.GetProperty("file").GetString()!;

    /// <summary>Every fixture the native engine must run (convolutions included).</summary>
    public static TheoryData<string> Supported() =>
        new(All.Where(f => f.GetProperty("supported").GetBoolean()).Select(FileOf));

    /// <summary>The supported fixtures without convolutions (the MLP and elementwise family).</summary>
    public static TheoryData<string> SupportedWithoutConvolution() =>
        new(All.Where(f => f.GetProperty("supported").GetBoolean() && !f.GetProperty("convolution").GetBoolean()).Select(FileOf));

    /// <summary>The supported fixtures with or without convolutions.</summary>
    public static IEnumerable<string> FilesWhere(bool convolution) =>
        All.Where(f => f.GetProperty("supported").GetBoolean() && f.GetProperty("convolution").GetBoolean() == convolution).Select(FileOf);

    public static TheoryData<string> Convolution() =>
        new(All.Where(f => f.GetProperty("convolution").GetBoolean()).Select(FileOf));

    public static string PathOf(string file) => OnnxFixtures.PathOf(file);

    public static ModelProto Load(string file)
    {
        byte[] bytes = File.ReadAllBytes(PathOf(file));
        return ModelProto.Parser.ParseFrom(bytes);
    }

    /// <summary>Fills every input with seeded values: floats ~ N(0, 1.3²) (some saturate the int8 range), bytes uniform.</summary>
    public static void Fill(IReadOnlyList<Tensor> inputs, int seed)
    {
        var random = new Random(seed);
        foreach (Tensor t in inputs)
        {
            switch (t.ElementType)
            {
                case TensorElementType.Float32:
                    Span<float> f = t.AsSpan<float>();
                    for (int i = 0; i < f.Length; i++)
                    {
                        double u1 = 1.0 - random.NextDouble();
                        double u2 = random.NextDouble();
                        f[i] = (float)(1.3 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
                    }

                    break;
                default:
                    random.NextBytes(t.Bytes);
                    break;
            }
        }
    }
}
