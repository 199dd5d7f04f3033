using EdgeAi.Cloud.Client.Oip;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>Builds a <see cref="CloudHttp"/> over a fake handler with test-friendly resilience settings.</summary>
public static class TestCloud
{
    public static readonly Uri BaseAddress = new("http://cloud.test/");

    public static CloudHttp Http(HttpMessageHandler handler, TimeProvider? time = null, Action<CloudClientOptions>? configure = null)
    {
        var options = new CloudClientOptions { BaseAddress = BaseAddress, RetryBaseDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new CloudHttp(options, time ?? TimeProvider.System, handler);
    }
}
