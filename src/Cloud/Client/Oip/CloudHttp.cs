using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace EdgeAi.Cloud.Client.Oip;

/// <summary>
/// One <see cref="HttpClient"/> to the model service with its resilience pipeline: retry (jittered
/// exponential back-off, idempotent methods only) around a circuit breaker around a per-try timeout.
/// The circuit state is observable, so the offload router asks the cloud only while it is healthy.
/// Thread-safe; dispose once.
/// </summary>
public sealed class CloudHttp : IDisposable
{
    private readonly CircuitBreakerStateProvider _circuit = new();

    /// <summary>Builds the client over <paramref name="transport"/> (null: a <see cref="SocketsHttpHandler"/>).</summary>
    public CloudHttp(CloudClientOptions options, TimeProvider timeProvider, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var baseAddress = options.BaseAddress ?? throw new ArgumentException("BaseAddress is required", nameof(options));
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A POST (infer, telemetry) may have reached the service; only safe methods are repeated here.
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0 && IsIdempotent(args.Context.GetRequestMessage()) && IsTransient(args.Outcome)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                StateProvider = _circuit,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(options.PerTryTimeout)
            .Build();

        HttpMessageHandler handler = new ResilienceHandler(pipeline) { InnerHandler = transport ?? new SocketsHttpHandler() };
        if (options.TokenFile is not null)
        {
            handler = new BearerTokenHandler(options.TokenFile) { InnerHandler = handler };
        }

        // The pipeline owns the time limits; HttpClient's own 100 s default would only hide a hung retry loop.
        Client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The client; every call goes through the pipeline.</summary>
    public HttpClient Client { get; }

    /// <summary>True unless the circuit is open (or isolated): a half-open circuit lets one probe through.</summary>
    public bool IsAvailable => _circuit.CircuitState is CircuitState.Closed or CircuitState.HalfOpen;

    /// <summary>The circuit breaker's state, for diagnostics.</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (response.StatusCode >= HttpStatusCode.InternalServerError
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
}
