using System.Globalization;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// Checks a parsed request against the model configuration and turns it into tensors. Every failure is a
/// 400 that names the input: nothing reaches ONNX Runtime that the configuration does not allow.
/// </summary>
internal static class InferRequestBinder
{
    /// <summary>Binds <paramref name="request"/>.</summary>
    /// <param name="request">The parsed JSON header.</param>
    /// <param name="json">The JSON bytes the request was parsed from (data arrays are decoded from them).</param>
    /// <param name="binary">The bytes after the JSON header (binary tensor extension), possibly empty.</param>
    /// <param name="config">The serving model's configuration.</param>
    public static BoundInferRequest Bind(InferRequest request, ReadOnlySpan<byte> json, ReadOnlyMemory<byte> binary, ModelConfig config)
    {
        var byName = new Dictionary<string, InferenceTensor>(StringComparer.Ordinal);
        long? batch = null;
        var binaryOffset = 0L;
        foreach (var input in request.Inputs)
        {
            var spec = config.Inputs.FirstOrDefault(i => string.Equals(i.Name, input.Name, StringComparison.Ordinal))
                ?? throw new ProtocolException($"unknown input '{input.Name}' (model '{config.Name}' has {string.Join(", ", config.Inputs.Select(i => i.Name))})");
            if (byName.ContainsKey(input.Name))
            {
                throw new ProtocolException($"input '{input.Name}' is given twice");
            }

            if (!TensorDataTypes.TryParseProtocolName(input.DataType, out var type))
            {
                throw new ProtocolException($"input '{input.Name}': datatype '{input.DataType}' is not supported");
            }

            if (type != spec.DataType)
            {
                throw new ProtocolException($"input '{input.Name}' is {spec.DataType.ToProtocolName()}, not {input.DataType}");
            }

            CheckShape(config, spec, input.Shape, ref batch);
            var count = ElementCount(input, type);
            ReadOnlyMemory<byte> data;
            if (input.BinaryDataSize is { } size)
            {
                var expected = count * type.ElementSize();
                if (size != expected)
                {
                    throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                        $"input '{input.Name}': binary_data_size is {size} but shape and datatype need {expected} bytes"));
                }

                if (binaryOffset + size > binary.Length)
                {
                    throw new ProtocolException($"input '{input.Name}': the body ends before its binary data");
                }

                data = binary.Slice((int)binaryOffset, (int)size);
                binaryOffset += size;
            }
            else
            {
                data = TensorJsonDecoder.Decode(json, input.DataOffset, input.Name, type, input.Shape, count);
            }

            byName.Add(input.Name, new InferenceTensor(input.Name, type, input.Shape, data));
        }

        if (binaryOffset != binary.Length)
        {
            throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"the body carries {binary.Length - binaryOffset} bytes of binary data that no input claims"));
        }

        var missing = config.Inputs.FirstOrDefault(i => !byName.ContainsKey(i.Name));
        if (missing is not null)
        {
            throw new ProtocolException($"missing input '{missing.Name}'");
        }

        var inputs = config.Inputs.Select(i => byName[i.Name]).ToList();
        return new BoundInferRequest(inputs, Outputs(request, config));
    }

    private static void CheckShape(ModelConfig config, TensorConfig spec, long[] shape, ref long? batch)
    {
        var expected = config.ProtocolShape(spec);
        if (shape.Length != expected.Length)
        {
            throw new ProtocolException(
                $"input '{spec.Name}': shape [{string.Join(",", shape)}] has rank {shape.Length}, the model expects [{string.Join(",", expected)}]");
        }

        for (var i = config.Batches ? 1 : 0; i < shape.Length; i++)
        {
            if (expected[i] != -1 && expected[i] != shape[i])
            {
                throw new ProtocolException(
                    $"input '{spec.Name}': shape [{string.Join(",", shape)}] does not match the model's [{string.Join(",", expected)}]");
            }
        }

        if (!config.Batches)
        {
            return;
        }

        // Triton's batch rule (model_configuration.md, "Maximum Batch Size"): the leading dimension is the
        // batch, at least 1 and at most max_batch_size, and the same for every input of the request.
        var size = shape[0];
        if (size < 1 || size > config.MaxBatchSize)
        {
            throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"input '{spec.Name}': batch size {size} is outside 1..{config.MaxBatchSize} (max_batch_size)"));
        }

        if (batch is { } other && other != size)
        {
            throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"input '{spec.Name}': batch size {size} differs from the other inputs' {other}"));
        }

        batch = size;
    }

    private static long ElementCount(InferInputRequest input, TensorDataType type)
    {
        try
        {
            var count = InferenceTensor.ElementCountOf(input.Shape);
            _ = checked((int)(count * type.ElementSize()));
            return count;
        }
        catch (OverflowException e)
        {
            throw new ProtocolException($"input '{input.Name}': shape [{string.Join(",", input.Shape)}] is too large", e);
        }
    }

    private static List<InferOutputRequest> Outputs(InferRequest request, ModelConfig config)
    {
        var defaultBinary = request.BinaryDataOutput;
        if (request.Outputs is null || request.Outputs.Count == 0)
        {
            return config.Outputs.Select(o => new InferOutputRequest(o.Name, defaultBinary)).ToList();
        }

        var result = new List<InferOutputRequest>();
        foreach (var output in request.Outputs)
        {
            if (!config.Outputs.Any(o => string.Equals(o.Name, output.Name, StringComparison.Ordinal)))
            {
                throw new ProtocolException($"unknown output '{output.Name}' (model '{config.Name}' has {string.Join(", ", config.Outputs.Select(o => o.Name))})");
            }

            if (result.Any(r => string.Equals(r.Name, output.Name, StringComparison.Ordinal)))
            {
                throw new ProtocolException($"output '{output.Name}' is requested twice");
            }

            result.Add(output with { Binary = output.Binary ?? defaultBinary });
        }

        return result;
    }
}
