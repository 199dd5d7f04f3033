using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>Validates <see cref="MqttOptions"/>; every message names the configuration key.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        const string S = MqttOptions.SectionName;
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.Broker) && !BrokerAddress.TryParse(options.Broker, out _, out var error))
        {
            failures.Add($"{S}:Broker is invalid: {error}.");
        }

        if (options.EmbeddedPort is < 1 or > 65535)
        {
            failures.Add($"{S}:EmbeddedPort must be between 1 and 65535 (got {options.EmbeddedPort}).");
        }

        if (options.KeepAliveSeconds is < 5 or > 3600)
        {
            failures.Add($"{S}:KeepAliveSeconds must be between 5 and 3600 (got {options.KeepAliveSeconds}).");
        }

        if (options.MaxReconnectDelaySeconds is < 1 or > 600)
        {
            failures.Add($"{S}:MaxReconnectDelaySeconds must be between 1 and 600 (got {options.MaxReconnectDelaySeconds}).");
        }

        CheckTopicSegments(failures, $"{S}:BaseTopic", options.BaseTopic);
        CheckTopicSegments(failures, $"{S}:DiscoveryPrefix", options.DiscoveryPrefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A topic prefix: non-empty segments with no wildcard, no NUL, no leading or trailing '/'.</summary>
    private static void CheckTopicSegments(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrEmpty(value)
            || value.Split('/').Any(segment => segment.Length == 0)
            || value.AsSpan().IndexOfAny("#+\0") >= 0)
        {
            failures.Add($"{key} must be one or more non-empty topic segments without wildcards (got '{value}').");
        }
    }
}
