using EdgeAi.Cloud.Client.Oip;

namespace EdgeAi.Cloud.Client.Offload;

/// <summary>
/// A classifier served over OIP: one FP32 input of shape [1, n] (or [n] for a model without a batch
/// dimension, <c>max_batch_size: 0</c>), one output of class probabilities;
/// the answer is the arg-max and its probability. Available while the client's circuit is not open.
/// </summary>
public sealed class OipCloudModel : ICloudModel
{
    private readonly CloudHttp _http;
    private readonly OipClient _client;
    private readonly string _model;
    private readonly string _input;
    private readonly string _output;
    private readonly bool _batched;
    private readonly long[]? _shape;

    /// <summary>Creates the adapter for <paramref name="model"/> with input <paramref name="input"/> and probability output <paramref name="output"/>.</summary>
    /// <param name="http">The client to the service.</param>
    /// <param name="model">Model name.</param>
    /// <param name="input">FP32 input name.</param>
    /// <param name="output">Output holding one score per class.</param>
    /// <param name="batched">True when the model has a leading batch dimension (sent as 1).</param>
    public OipCloudModel(CloudHttp http, string model, string input, string output, bool batched = true)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _client = new OipClient(http);
        _model = model;
        _input = input;
        _output = output;
        _batched = batched;
    }

    /// <summary>Creates the adapter for a model whose input has <paramref name="shape"/> (e.g. [1, 4, 12] for a window of 4 features x 12 samples).</summary>
    /// <param name="http">The client to the service.</param>
    /// <param name="model">Model name.</param>
    /// <param name="input">FP32 input name.</param>
    /// <param name="output">Output holding one score per class.</param>
    /// <param name="shape">The input shape sent; its element count must equal the feature count of every call.</param>
    public OipCloudModel(CloudHttp http, string model, string input, string output, IReadOnlyList<long> shape)
        : this(http, model, input, output, batched: true)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = [.. shape];
    }

    /// <inheritdoc/>
    public bool IsAvailable => _http.IsAvailable;

    /// <inheritdoc/>
    public async Task<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default)
    {
        if (_shape is not null && _shape.Aggregate(1L, (a, d) => a * d) != features.Length)
        {
            throw new ArgumentException($"The cloud model's input shape [{string.Join(", ", _shape)}] does not hold {features.Length} features.", nameof(features));
        }

        var input = InferTensor.Fp32(_input, _shape ?? (_batched ? [1, features.Length] : [features.Length]), features.ToArray());
        var result = await _client.InferAsync(_model, [input], [_output], cancellationToken: cancellationToken).ConfigureAwait(false);
        var probabilities = result.Output(_output).AsDoubles();
        if (probabilities.Count == 0)
        {
            throw new CloudRequestException($"output '{_output}' of '{_model}' is empty");
        }

        var best = 0;
        for (var i = 1; i < probabilities.Count; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return new ModelAnswer(best, (float)probabilities[best]);
    }
}
