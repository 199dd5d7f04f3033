using System.Text.Json;

namespace EdgeAi.Cloud.Client.Sync;

/// <summary>Strict reader of <c>manifest.json</c>: every field present with the right type, no unknown fields (as the service checks).</summary>
internal static class ManifestReader
{
    private static readonly string[] Fields = ["name", "version", "file", "sha256", "size", "engine", "min_runtime_version"];

    public static ModelManifest Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the manifest is not a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new InvalidDataException($"the manifest has an unknown field '{property.Name}'");
                }
            }

            var manifest = new ModelManifest(
                Text(root, "name"), Number(root, "version"), Text(root, "file"), Text(root, "sha256"), Number(root, "size"), Text(root, "engine"), Text(root, "min_runtime_version"));
            if (manifest.Version <= 0 || manifest.Size < 0)
            {
                throw new InvalidDataException("the manifest's version must be positive and its size non-negative");
            }

            if (manifest.Sha256.Length != 64 || !manifest.Sha256.All(char.IsAsciiHexDigitLower))
            {
                throw new InvalidDataException("the manifest's sha256 must be 64 lower-case hex digits");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the manifest is not valid JSON: " + e.Message, e);
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"the manifest's '{name}' must be a string");

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InvalidDataException($"the manifest's '{name}' must be an integer");
}
