using EdgeAi.Cloud.Service.Batching;
using EdgeAi.Cloud.Service.Repository;
using Prometheus;

namespace EdgeAi.Cloud.Service.Metrics;

/// <summary>
/// The service's Prometheus metrics (text format at <c>/metrics</c>): inference requests by model and
/// outcome, inference latency, dynamic-batch sizes and queue depth. Label values are model names and
/// versions from the repository, never request content. Thread-safe.
/// </summary>
internal sealed class ServiceMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _latency;
    private readonly Histogram _batchSize;
    private readonly Gauge _queueDepth;
    private readonly ModelRepository _repository;

    /// <summary>Registers the metrics in <paramref name="registry"/> and follows <paramref name="repository"/>'s loads.</summary>
    public ServiceMetrics(CollectorRegistry registry, ModelRepository repository)
    {
        Registry = registry;
        _repository = repository;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "edgeai_inference_requests_total", "Inference requests by model, version and outcome (HTTP status code).", "model", "version", "code");
        _latency = factory.CreateHistogram(
            "edgeai_inference_duration_seconds",
            "Time from receiving an inference request to having its response, by model.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18) });
        _batchSize = factory.CreateHistogram(
            "edgeai_batch_size",
            "Total batch size of each model run made by the dynamic batcher, by model.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(1, 2, 10) });
        _queueDepth = factory.CreateGauge("edgeai_batch_queue_depth", "Requests waiting in a dynamic batcher, by model and version.", "model", "version");
        registry.AddBeforeCollectCallback(UpdateQueueDepths);
        repository.Loaded += OnModelLoaded;
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts one inference request and its latency.</summary>
    public void ObserveInference(string model, string version, int statusCode, TimeSpan elapsed)
    {
        // Unknown model names would let a client create unbounded label values: only repository models count.
        if (_repository.Find(model) is null)
        {
            model = "unknown";
            version = string.Empty;
        }

        _requests.WithLabels(model, version, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _latency.WithLabels(model).Observe(elapsed.TotalSeconds);
    }

    private void OnModelLoaded(LoadedModel model)
    {
        foreach (var executor in model.Executors.Values.OfType<DynamicBatcher>())
        {
            var histogram = _batchSize.WithLabels(model.Config.Name);
            executor.BatchExecuted += size => histogram.Observe(size);
        }
    }

    private void UpdateQueueDepths()
    {
        foreach (var entry in _repository.Index())
        {
            if (entry.Model is null)
            {
                continue;
            }

            foreach (var (version, executor) in entry.Model.Executors)
            {
                if (executor is DynamicBatcher batcher)
                {
                    _queueDepth.WithLabels(entry.Name, version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(batcher.QueueDepth);
                }
            }
        }
    }
}
