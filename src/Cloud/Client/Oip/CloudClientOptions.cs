namespace EdgeAi.Cloud.Client.Oip;

/// <summary>Where the model service is and how hard to try: the settings behind <c>--cloud URL</c>.</summary>
public sealed class CloudClientOptions
{
    /// <summary>The service's base address, e.g. <c>http://10.0.0.5:8000/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>File holding the bearer token (one line). Null sends no Authorization header (a Triton on a closed network).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Limit on one HTTP attempt. Default 2 s.</summary>
    public TimeSpan PerTryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt, for idempotent calls only (GET, HEAD). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the jittered exponential back-off between retries. Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Failure ratio within <see cref="CircuitSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the circuit may open. Default 4.</summary>
    public int CircuitMinimumThroughput { get; set; } = 4;

    /// <summary>Window over which failures are counted. Default 10 s.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open circuit refuses calls before letting one probe through. Default 5 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
