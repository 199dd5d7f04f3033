using EdgeAi.Cloud.Client.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Client.Offload;

/// <summary>
/// Local model first; a low-confidence answer is escalated to the cloud model when the cloud is available,
/// within <see cref="OffloadOptions.CloudDeadline"/> measured on the <see cref="TimeProvider"/>. Deadline,
/// error or open circuit: the local answer is used. Every decision completes and is counted.
/// Thread-safe: decisions may overlap.
/// </summary>
public sealed class OffloadRouter
{
    private readonly ILocalModel _local;
    private readonly ICloudModel? _cloud;
    private readonly OffloadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the router; <paramref name="cloud"/> null means offload is off and every decision is local.</summary>
    public OffloadRouter(ILocalModel local, ICloudModel? cloud, OffloadOptions options, TimeProvider timeProvider, ILogger<OffloadRouter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.CloudDeadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("CloudDeadline must be positive", nameof(options));
        }

        _local = local;
        _cloud = cloud;
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Per-tier counts and the last tier.</summary>
    public InferenceTierCounters Counters { get; } = new();

    /// <summary>Decides on <paramref name="features"/>; cancellation only by <paramref name="cancellationToken"/>, never by the cloud.</summary>
    public async Task<OffloadDecision> DecideAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default)
    {
        var local = await _local.PredictAsync(features, cancellationToken).ConfigureAwait(false);
        OffloadDecision decision;
        if (local.Confidence >= _options.ConfidenceThreshold || _cloud is null)
        {
            decision = new OffloadDecision(local, InferenceTier.Local);
        }
        else if (!_cloud.IsAvailable)
        {
            decision = new OffloadDecision(local, InferenceTier.LocalFallback, "circuit-open");
        }
        else
        {
            decision = await AskCloudAsync(features, local, cancellationToken).ConfigureAwait(false);
        }

        Counters.Record(decision.Tier);
        return decision;
    }

    private async Task<OffloadDecision> AskCloudAsync(ReadOnlyMemory<float> features, ModelAnswer local, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.CloudDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // WaitAsync on the same clock: a cloud call that ignores cancellation still cannot hold the decision.
            var answer = await _cloud!.PredictAsync(features, linked.Token).WaitAsync(_options.CloudDeadline, _time, linked.Token).ConfigureAwait(false);
            return new OffloadDecision(answer, InferenceTier.Cloud);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is OperationCanceledException or TimeoutException))
        {
            ClientLog.CloudDeadlineMissed(_logger, _options.CloudDeadline.TotalMilliseconds);
            return new OffloadDecision(local, InferenceTier.LocalFallback, "deadline");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure of the cloud (transport, 5xx, open circuit, malformed answer) must not fail the decision.
            ClientLog.CloudFailed(_logger, e);
            return new OffloadDecision(local, InferenceTier.LocalFallback, "error");
        }
    }
}
