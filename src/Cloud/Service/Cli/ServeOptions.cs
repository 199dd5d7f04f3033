using System.Globalization;
using EdgeAi.Cloud.Service.Http;

namespace EdgeAi.Cloud.Service.Cli;

/// <summary>
/// Options of <c>serve</c>. Each may also come from configuration (section <c>ModelService</c>: e.g. the
/// environment variable <c>ModelService__TokensFile</c> or <c>appsettings.json</c>); the command line wins.
/// </summary>
internal sealed class ServeOptions
{
    /// <summary>Where Kestrel listens when neither <c>--urls</c> nor configuration says.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8000";

    /// <summary>The Triton-style model repository folder (<c>--model-repository</c>).</summary>
    public string? ModelRepository { get; set; }

    /// <summary>Listen addresses, ';'-separated (<c>--urls</c>).</summary>
    public string? Urls { get; set; }

    /// <summary>The tokens file (<c>--tokens-file</c>).</summary>
    public string? TokensFile { get; set; }

    /// <summary>Serve without authentication (<c>--insecure-no-auth</c>); must be asked for explicitly.</summary>
    public bool InsecureNoAuth { get; set; }

    /// <summary>SQLite database for telemetry ingestion (<c>--telemetry-db</c>); ingestion is off without it.</summary>
    public string? TelemetryDb { get; set; }

    /// <summary>Largest request body (<c>--max-request-bytes</c>).</summary>
    public long MaxRequestBytes { get; set; } = ServiceLimits.DefaultMaxRequestBytes;

    /// <summary>Parses the arguments after <c>serve</c>.</summary>
    /// <exception cref="UsageException">An unknown option or a missing value.</exception>
    public static ServeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--model-repository":
                    options.ModelRepository = Value(args, ref i);
                    break;
                case "--urls":
                    options.Urls = Value(args, ref i);
                    break;
                case "--tokens-file":
                    options.TokensFile = Value(args, ref i);
                    break;
                case "--telemetry-db":
                    options.TelemetryDb = Value(args, ref i);
                    break;
                case "--insecure-no-auth":
                    options.InsecureNoAuth = true;
                    break;
                case "--max-request-bytes":
                    var text = Value(args, ref i);
                    options.MaxRequestBytes = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
                        ? max
                        : throw new UsageException($"--max-request-bytes '{text}' is not a positive integer");
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}' for serve");
            }
        }

        return options;
    }

    /// <summary>Fills options the command line left out from configuration section <c>ModelService</c>.</summary>
    public void ApplyDefaults(IConfiguration configuration)
    {
        var section = configuration.GetSection("ModelService");
        ModelRepository ??= section["ModelRepository"];
        TokensFile ??= section["TokensFile"];
        Urls ??= section["Urls"];
        TelemetryDb ??= section["TelemetryDb"];
        InsecureNoAuth |= string.Equals(section["InsecureNoAuth"], "true", StringComparison.OrdinalIgnoreCase);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
