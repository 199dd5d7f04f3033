namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>A parsed broker URI: <c>mqtt://[user:password@]host:port</c> or <c>mqtts://...</c>.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="UseTls">True for <c>mqtts://</c>.</param>
/// <param name="UserName">User name from the URI, if any.</param>
/// <param name="Password">Password from the URI, if any.</param>
public sealed record BrokerAddress(string Host, int Port, bool UseTls, string? UserName, string? Password)
{
    /// <summary>Parses <paramref name="uri"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? uri, out BrokerAddress? address, out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            error = $"'{uri}' is not an absolute URI such as mqtt://host:1883";
            return false;
        }

        var tls = parsed.Scheme switch
        {
            "mqtt" => (bool?)false,
            "mqtts" => true,
            _ => null,
        };
        if (tls is null)
        {
            error = $"scheme '{parsed.Scheme}' is not mqtt or mqtts";
            return false;
        }

        if (string.IsNullOrEmpty(parsed.Host))
        {
            error = "the host is missing";
            return false;
        }

        if (parsed.AbsolutePath is not ("/" or "") || parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            error = "a broker URI has no path, query or fragment";
            return false;
        }

        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls.Value ? 8883 : 1883) : parsed.Port;
        string? user = null;
        string? password = null;
        if (parsed.UserInfo.Length > 0)
        {
            var separator = parsed.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(separator < 0 ? parsed.UserInfo : parsed.UserInfo[..separator]);
            password = separator < 0 ? null : Uri.UnescapeDataString(parsed.UserInfo[(separator + 1)..]);
        }

        address = new BrokerAddress(parsed.IdnHost, port, tls.Value, user, password);
        error = null;
        return true;
    }

    /// <summary>The address without credentials, safe to log.</summary>
    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
