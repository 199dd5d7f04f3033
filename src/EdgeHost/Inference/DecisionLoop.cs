using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.EdgeHost.Board;
using EdgeAi.EdgeHost.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// Samples the configured features every <see cref="InferenceOptions.Interval"/> on the node's clock, keeps the last
/// <see cref="InferenceOptions.Window"/> samples, and once the window is full decides on every sample through the
/// offload router, publishing the decision (<see cref="InferenceEntity"/>), the latency by engine and tier, and — with
/// telemetry on — a record in the outbox. A sample with any feature missing (a sensor not read yet or failing)
/// empties the window: the model never sees a made-up value.
/// </summary>
internal sealed class DecisionLoop(
    InferenceOptions options,
    NodeDevices devices,
    LocalModel model,
    OffloadRouter router,
    InferenceEntity entity,
    NodeMetrics metrics,
    TelemetryOutbox? outbox,
    TimeProvider time,
    ILogger<DecisionLoop> logger) : BackgroundService
{
    private readonly Func<double?>[] _readers = [.. options.Features.Select(f => devices.Features[f])];
    private readonly float[] _ring = new float[options.Features.Count * options.Window];
    private readonly float[] _window = new float[options.Features.Count * options.Window];
    private int _samples;
    private int _next;

    /// <summary>Decisions made (for tests and the simulator's summary).</summary>
    public long Decisions => Interlocked.Read(ref _decisions);

    private long _decisions;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!devices.Started)
                {
                    continue;
                }

                try
                {
                    await SampleAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    InferenceLog.DecisionFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Takes one sample and decides when the window is full; returns the decision, or null when none was made.</summary>
    internal async Task<OffloadDecision?> SampleAsync(CancellationToken cancellationToken)
    {
        int window = options.Window;
        for (int f = 0; f < _readers.Length; f++)
        {
            if (_readers[f]() is not { } value)
            {
                InferenceLog.FeatureMissing(logger, options.Features[f]);
                _samples = 0;
                return null;
            }

            _ring[(f * window) + _next] = (float)value;
        }

        _next = (_next + 1) % window;
        _samples = Math.Min(_samples + 1, window);
        if (_samples < window)
        {
            return null;
        }

        // Oldest first: the ring's oldest sample is at _next.
        for (int f = 0; f < _readers.Length; f++)
        {
            var row = _ring.AsSpan(f * window, window);
            row[_next..].CopyTo(_window.AsSpan(f * window));
            row[.._next].CopyTo(_window.AsSpan((f * window) + window - _next));
        }

        var started = Stopwatch.GetTimestamp();
        var decision = await router.DecideAsync(_window, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var engine = decision.Tier == InferenceTier.Cloud ? "cloud" : model.EngineDescription;
        metrics.InferenceLatency.Observe(engine, decision.Tier.WireName(), elapsed);
        entity.Update(decision, engine, model.Version);
        Interlocked.Increment(ref _decisions);
        if (outbox is not null)
        {
            await RecordAsync(decision, engine, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    private async Task RecordAsync(OffloadDecision decision, string engine, CancellationToken cancellationToken)
    {
        var json = new StringBuilder(256);
        json.Append(CultureInfo.InvariantCulture, $"{{\"time\":\"{time.GetUtcNow():O}\",\"model\":\"{options.Name}\",\"version\":{model.Version},");
        json.Append(CultureInfo.InvariantCulture, $"\"label\":{decision.Answer.Label},\"confidence\":{decision.Answer.Confidence},\"tier\":\"{decision.Tier.WireName()}\",\"engine\":\"{engine}\",\"features\":{{");
        int window = options.Window;
        for (int f = 0; f < _readers.Length; f++)
        {
            // The newest sample of each feature: the readings that led to the decision.
            json.Append(CultureInfo.InvariantCulture, $"{(f == 0 ? "" : ",")}\"{options.Features[f]}\":{_window[(f * window) + window - 1]}");
        }

        json.Append("}}");
        try
        {
            await outbox!.EnqueueAsync("decisions", json.ToString(), OutboxRecordKind.Telemetry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            InferenceLog.TelemetryFailed(logger, e);
        }
    }
}
