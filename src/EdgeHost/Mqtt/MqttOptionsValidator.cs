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

        if (!System.Net.IPAddress.TryParse(options.EmbeddedListenAddress, out _))
        {
            failures.Add($"{S}:EmbeddedListenAddress must be an IP address (got '{options.EmbeddedListenAddress}').");
        }

        if (options.EmbeddedTlsPort is { } tlsPort)
        {
            if (tlsPort is < 1 or > 65535 || tlsPort == options.EmbeddedPort)
            {
                failures.Add($"{S}:EmbeddedTlsPort must be between 1 and 65535 and differ from {S}:EmbeddedPort (got {tlsPort}).");
            }

            RequireFile(failures, $"{S}:EmbeddedTlsCertificateFile", options.EmbeddedTlsCertificateFile, required: true);
            RequireFile(failures, $"{S}:EmbeddedTlsKeyFile", options.EmbeddedTlsKeyFile, required: true);
        }

        RequireFile(failures, $"{S}:PasswordFile", options.PasswordFile, required: false);
        RequireFile(failures, $"{S}:CaFile", options.CaFile, required: false);
        RequireFile(failures, $"{S}:ClientCertificateFile", options.ClientCertificateFile, required: false);
        RequireFile(failures, $"{S}:ClientKeyFile", options.ClientKeyFile, required: options.ClientCertificateFile is not null);

        CheckTopicSegments(failures, $"{S}:BaseTopic", options.BaseTopic);
        CheckTopicSegments(failures, $"{S}:DiscoveryPrefix", options.DiscoveryPrefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireFile(List<string> failures, string key, string? path, bool required)
    {
        if (string.IsNullOrEmpty(path))
        {
            if (required)
            {
                failures.Add($"{key} must be set.");
            }
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{key}: file '{path}' does not exist.");
        }
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
