using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Inference;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Tests.Inference;

public sealed class InferenceOptionsValidatorTests : IDisposable
{
    private readonly string _model = Path.GetTempFileName();

    public void Dispose() => File.Delete(_model);

    [Fact]
    public void Without_a_model_nothing_is_checked()
    {
        Assert.True(Validate(new InferenceOptions { Name = "BAD NAME" }).Succeeded);
    }

    [Fact]
    public void A_complete_section_passes()
    {
        var result = Validate(Valid());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void An_unknown_feature_is_named_with_the_known_ones()
    {
        var options = Valid();
        options.Features.Add("living_climate.co2");
        var result = Validate(options);
        Assert.False(result.Succeeded);
        Assert.Contains("Inference:Features names 'living_climate.co2', which is no reading of this node's devices (known: hall_motion, living_climate.humidity, living_climate.pressure, living_climate.temperature, living_co2.co2, living_co2.humidity, living_co2.temperature)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name", "Inference:Name must be 1 to 64 characters")]
    [InlineData("Sha256", "Inference:Sha256 must be the model file's SHA-256")]
    [InlineData("Model", "Inference:Model: the file")]
    [InlineData("Engine", "Inference:Engine must be auto, native or onnxruntime")]
    [InlineData("Window", "Inference:Window must be between 1 and 4096")]
    [InlineData("Interval", "Inference:Interval must be between 100 ms and 1 day")]
    [InlineData("Labels", "Inference:Labels must name at least two classes")]
    [InlineData("Version", "Inference:Version must be at least 1")]
    public void Each_bad_key_is_named(string key, string message)
    {
        var options = Valid();
        switch (key)
        {
            case "Name": options.Name = "Living Room"; break;
            case "Sha256": options.Sha256 = "abc"; break;
            case "Model": options.Model = _model + ".missing"; break;
            case "Engine": options.Engine = "gpu"; break;
            case "Window": options.Window = 0; break;
            case "Interval": options.Interval = TimeSpan.FromMilliseconds(10); break;
            case "Labels": options.Labels.RemoveAt(1); break;
            case "Version": options.Version = 0; break;
        }

        var result = Validate(options);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://cloud", "Cloud:Url must be an absolute http:// or https:// address")]
    [InlineData("http://user:secret@cloud:8000", "without credentials")]
    public void Cloud_urls_must_be_plain_http_or_https(string url, string message)
    {
        var result = new CloudOptionsValidator().Validate(null, new CloudOptions { Url = url });
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_threshold_deadline_and_files_are_checked()
    {
        var result = new CloudOptionsValidator().Validate(null, new CloudOptions
        {
            Url = "http://127.0.0.1:8000",
            ConfidenceThreshold = 1.5f,
            Deadline = TimeSpan.Zero,
            TokenFile = "/nonexistent/token",
            ManifestPublicKeyFile = "/nonexistent/key.pem",
        });
        Assert.False(result.Succeeded);
        Assert.Contains("Cloud:ConfidenceThreshold must be between 0 and 1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cloud:Deadline must be between 0 and 30 s", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cloud:TokenFile: the file '/nonexistent/token' does not exist", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cloud:ManifestPublicKeyFile", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new CloudOptionsValidator().Validate(null, new CloudOptions { Url = "https://models.example:8443" }).Succeeded);
    }

    private InferenceOptions Valid()
    {
        var options = new InferenceOptions { Name = "occupancy", Model = _model, Sha256 = new string('a', 64), Window = 8 };
        options.Features.Add("living_co2.co2");
        options.Features.Add("hall_motion");
        options.Labels.Add("empty");
        options.Labels.Add("occupied");
        return options;
    }

    private static ValidateOptionsResult Validate(InferenceOptions options)
    {
        var manifest = new DeviceManifest { Board = "raspberry-pi-4" };
        manifest.Devices.Add(new DeviceOptions { Kind = DeviceKind.Bme280, Id = "living_climate" });
        manifest.Devices.Add(new DeviceOptions { Kind = DeviceKind.Scd4x, Id = "living_co2" });
        manifest.Devices.Add(new DeviceOptions { Kind = DeviceKind.Motion, Id = "hall_motion" });
        manifest.Devices.Add(new DeviceOptions { Kind = DeviceKind.Light, Id = "porch_light" });
        return new InferenceOptionsValidator(Options.Create(manifest)).Validate(null, options);
    }
}
