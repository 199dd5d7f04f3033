using System.Text.Json;

namespace EdgeAi.Models.Tests.Onnx;

/// <summary>The fixtures built by Fixtures/Onnx/make_fixtures.py and the facts Python's onnx read back from them.</summary>
public static class OnnxFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx");

    private static readonly Lazy<JsonElement> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "manifest.json"))).RootElement.Clone());

    public static IEnumerable<JsonElement> All => Manifest.Value.GetProperty("fixtures").EnumerateArray();

    public static JsonElement Get(string file) => All.Single(f => f.GetProperty("file").GetString() == file);

    public static TheoryData<string> Files() => new(All.Select(f => f.GetProperty("file").GetString()!));

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static string Sha256Of(string file) => Get(file).GetProperty("sha256").GetString()!;
}
