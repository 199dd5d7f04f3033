using EdgeAi.Cloud.Service.Auth;
using EdgeAi.Cloud.Service.Distribution;
using EdgeAi.Cloud.Service.Http;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Logging;
using EdgeAi.Cloud.Service.Metrics;
using EdgeAi.Cloud.Service.Repository;
using EdgeAi.Cloud.Service.Telemetry;
using Prometheus;

namespace EdgeAi.Cloud.Service.Cli;

/// <summary><c>serve</c>: builds and runs the web host.</summary>
internal static class ServeCommand
{
    /// <summary>Validates the options and serves until the host stops.</summary>
    /// <exception cref="UsageException">The options or the tokens file are not usable; nothing was started.</exception>
    public static async Task RunAsync(ServeOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder();
        options.ApplyDefaults(builder.Configuration);
        if (string.IsNullOrEmpty(options.ModelRepository))
        {
            throw new UsageException("serve needs --model-repository DIR");
        }

        if (!Directory.Exists(options.ModelRepository))
        {
            throw new UsageException($"model repository '{options.ModelRepository}' does not exist");
        }

        var verifier = LoadTokens(options);
        var telemetry = OpenTelemetryStore(options);
        // Per-request framework logs at Information drown the service's own events; configuration may raise them again.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls ?? ServeOptions.DefaultUrls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ServiceLimits(options.MaxRequestBytes));
        builder.Services.AddSingleton<IModelRunnerFactory, OnnxModelRunnerFactory>();
        builder.Services.AddSingleton(sp => new ModelRepository(
            options.ModelRepository,
            sp.GetRequiredService<IModelRunnerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ModelRepository>>()));
        builder.Services.AddSingleton(sp => new ServiceMetrics(new CollectorRegistry(), sp.GetRequiredService<ModelRepository>()));
        builder.Services.AddSingleton(sp => new DistributionCatalog(options.ModelRepository, sp.GetRequiredService<ILogger<DistributionCatalog>>()));
        builder.Services.AddHostedService<RepositoryStartupService>();
        builder.Services.AddRouting();

        var app = builder.Build();
        try
        {
            await ConfigureAndRunAsync(app, options, verifier, telemetry, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel's bind failures (address in use, no permission for the port) end start-up.
            throw new UsageException($"cannot listen: {e.Message}", e);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ConfigureAndRunAsync(
        WebApplication app, ServeOptions options, TokenVerifier? verifier, TelemetryStore? telemetry, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeAi.Cloud.Service");
        // Created before the start-up load so it sees every model's batcher.
        var metrics = app.Services.GetRequiredService<ServiceMetrics>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        if (verifier is null)
        {
            logger.AuthenticationDisabled();
        }
        else
        {
            logger.TokensLoaded(verifier.Count, options.TokensFile!);
            app.UseMiddleware<BearerTokenMiddleware>(verifier);
        }

        // Routing's own 404/405 have no body: give them the protocol's error body too.
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            await HttpResponses.WriteErrorAsync(
                context.HttpContext, response.StatusCode, response.StatusCode == StatusCodes.Status405MethodNotAllowed ? "method not allowed" : "not found").ConfigureAwait(false);
        });
        HealthEndpoints.Map(app);
        ModelEndpoints.Map(app);
        InferenceEndpoint.Map(app);
        RepositoryEndpoints.Map(app);
        DistributionEndpoints.Map(app);
        TelemetryEndpoints.Map(app, telemetry);
        // Prometheus text format; behind the bearer token like every non-health endpoint (Prometheus sends
        // one with `authorization: { credentials_file: ... }` in its scrape config).
        app.MapMetrics("/metrics", metrics.Registry);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TelemetryStore? OpenTelemetryStore(ServeOptions options)
    {
        if (options.TelemetryDb is null)
        {
            return null;
        }

        try
        {
            return new TelemetryStore(options.TelemetryDb, TimeProvider.System);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new UsageException($"cannot open the telemetry database '{options.TelemetryDb}': {e.Message}", e);
        }
    }

    private static TokenVerifier? LoadTokens(ServeOptions options)
    {
        if (options.TokensFile is null)
        {
            return options.InsecureNoAuth
                ? null
                : throw new UsageException("refusing to start without authentication: give --tokens-file FILE (create one with 'token create NAME --tokens-file FILE') or, for a closed test network only, --insecure-no-auth");
        }

        if (options.InsecureNoAuth)
        {
            throw new UsageException("--tokens-file and --insecure-no-auth contradict each other");
        }

        try
        {
            return new TokenVerifier(TokensFile.Read(options.TokensFile));
        }
        catch (Exception e) when (e is TokensFileFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot use the tokens file: {e.Message}", e);
        }
    }
}
