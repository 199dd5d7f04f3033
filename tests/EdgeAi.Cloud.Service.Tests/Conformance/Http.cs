using System.Net;
using System.Text;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Small request/response helpers for the conformance tests.</summary>
public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the protocol's error shape: the status and a non-empty <c>error</c> string containing <paramref name="fragment"/>.</summary>
    public static void AssertError((HttpStatusCode Status, JsonElement Body) response, HttpStatusCode status, string fragment)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(JsonValueKind.Object, response.Body.ValueKind);
        var message = response.Body.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    public static float[] Floats(this JsonElement output) => output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    public static long[] Shape(this JsonElement tensor) => tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static JsonElement Output(this JsonElement response, string name) =>
        response.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name);
}
