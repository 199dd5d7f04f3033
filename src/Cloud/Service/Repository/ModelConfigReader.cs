using System.Globalization;
using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository.TextFormat;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// Turns a parsed <c>config.pbtxt</c> into a <see cref="ModelConfig"/>, refusing what the service cannot
/// honour with a reason that names the field (shown in the repository index).
/// </summary>
internal static class ModelConfigReader
{
    // Triton fields that change nothing for a CPU ONNX Runtime service; accepted so a Triton repository
    // loads unchanged. Anything else unknown is refused, so a typo never silently changes behaviour.
    private static readonly HashSet<string> IgnoredTopLevel = new(StringComparer.Ordinal)
    {
        "instance_group", "optimization", "parameters", "model_warmup", "metric_tags", "response_cache",
        "model_transaction_policy", "runtime", "model_operations", "model_repository_agents", "cc_model_filenames",
    };

    private static readonly HashSet<string> IgnoredTensorFields = new(StringComparer.Ordinal) { "format", "label_filename" };

    /// <summary>Parses and validates <paramref name="text"/> for the model folder <paramref name="folderName"/>.</summary>
    /// <exception cref="ModelLoadException">The configuration is malformed or asks for something unsupported.</exception>
    public static ModelConfig Read(string folderName, string text)
    {
        PbtxtMessage root;
        try
        {
            root = PbtxtParser.Parse(text);
        }
        catch (PbtxtFormatException e)
        {
            throw Fail(e.Message);
        }

        string? name = null, platform = null, fileName = null;
        var maxBatchSize = 0;
        var inputs = new List<TensorConfig>();
        var outputs = new List<TensorConfig>();
        DynamicBatchingConfig? batching = null;
        var policy = VersionPolicy.Default;
        foreach (var field in root.Fields)
        {
            switch (field.Name)
            {
                case "name":
                    name = String(field);
                    break;
                case "platform":
                    platform = String(field);
                    break;
                case "backend":
                    var backend = String(field);
                    if (!string.Equals(backend, "onnxruntime", StringComparison.Ordinal))
                    {
                        throw Fail($"line {field.Line}: backend \"{backend}\" is not supported (only \"onnxruntime\")");
                    }

                    break;
                case "default_model_filename":
                    fileName = String(field);
                    break;
                case "max_batch_size":
                    maxBatchSize = (int)Integer(field, 0, int.MaxValue);
                    break;
                case "input":
                    inputs.Add(Tensor(field));
                    break;
                case "output":
                    outputs.Add(Tensor(field));
                    break;
                case "dynamic_batching":
                    batching = DynamicBatching(field);
                    break;
                case "version_policy":
                    policy = Policy(field);
                    break;
                default:
                    if (!IgnoredTopLevel.Contains(field.Name))
                    {
                        throw Fail($"line {field.Line}: field '{field.Name}' is not supported");
                    }

                    break;
            }
        }

        if (name is not null && !string.Equals(name, folderName, StringComparison.Ordinal))
        {
            // Triton requires the configured name to match the folder (model_configuration.md, "Name").
            throw Fail($"name \"{name}\" does not match the model folder '{folderName}'");
        }

        if (platform is not null && !string.Equals(platform, ModelConfig.OnnxPlatform, StringComparison.Ordinal))
        {
            throw Fail($"platform \"{platform}\" is not supported (only \"{ModelConfig.OnnxPlatform}\")");
        }

        if (fileName is not null && (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName == ".."))
        {
            throw Fail($"default_model_filename \"{fileName}\" must be a plain file name");
        }

        if (batching is not null)
        {
            if (maxBatchSize == 0)
            {
                throw Fail("dynamic_batching needs max_batch_size > 0");
            }

            var tooLarge = batching.PreferredBatchSizes.FirstOrDefault(s => s > maxBatchSize);
            if (tooLarge != 0)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"preferred_batch_size {tooLarge} exceeds max_batch_size {maxBatchSize}"));
            }
        }

        CheckUnique(inputs, "input");
        CheckUnique(outputs, "output");
        return new ModelConfig(folderName, ModelConfig.OnnxPlatform, maxBatchSize, inputs, outputs, batching, policy, fileName ?? "model.onnx");
    }

    private static TensorConfig Tensor(PbtxtField field)
    {
        var message = Message(field);
        string? name = null;
        TensorDataType? type = null;
        var dims = new List<long>();
        var sawDims = false;
        foreach (var f in message.Fields)
        {
            switch (f.Name)
            {
                case "name":
                    name = String(f);
                    break;
                case "data_type":
                    var text = Identifier(f);
                    if (!TensorDataTypes.TryParseConfigName(text, out var parsed))
                    {
                        throw Fail($"line {f.Line}: data_type {text} is not supported (BOOL, UINT8..UINT64, INT8..INT64, FP32, FP64)");
                    }

                    type = parsed;
                    break;
                case "dims":
                    sawDims = true;
                    var dim = Integer(f, -1, long.MaxValue);
                    if (dim == 0)
                    {
                        throw Fail($"line {f.Line}: a dimension must be positive or -1");
                    }

                    dims.Add(dim);
                    break;
                default:
                    if (!IgnoredTensorFields.Contains(f.Name))
                    {
                        throw Fail($"line {f.Line}: field '{field.Name}.{f.Name}' is not supported");
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw Fail($"line {field.Line}: {field.Name} has no name");
        }

        if (type is null)
        {
            throw Fail($"line {field.Line}: {field.Name} '{name}' has no data_type");
        }

        if (!sawDims)
        {
            throw Fail($"line {field.Line}: {field.Name} '{name}' has no dims");
        }

        return new TensorConfig(name, type.Value, dims);
    }

    private static DynamicBatchingConfig DynamicBatching(PbtxtField field)
    {
        var preferred = new List<int>();
        long delay = 0;
        foreach (var f in Message(field).Fields)
        {
            switch (f.Name)
            {
                case "preferred_batch_size":
                    preferred.Add((int)Integer(f, 1, int.MaxValue));
                    break;
                case "max_queue_delay_microseconds":
                    delay = Integer(f, 0, long.MaxValue);
                    break;
                case "preserve_ordering":
                    break;
                default:
                    throw Fail($"line {f.Line}: field 'dynamic_batching.{f.Name}' is not supported");
            }
        }

        return new DynamicBatchingConfig(preferred, delay);
    }

    private static VersionPolicy Policy(PbtxtField field)
    {
        var message = Message(field);
        if (message.Fields.Count != 1 || message.Fields[0].Message is not { } body)
        {
            throw Fail($"line {field.Line}: version_policy needs exactly one of latest, all, specific");
        }

        var kind = message.Fields[0];
        switch (kind.Name)
        {
            case "all":
                return new VersionPolicy(VersionPolicyKind.All, 0, []);
            case "latest":
                var count = body.All("num_versions").Select(f => (int)Integer(f, 1, int.MaxValue)).DefaultIfEmpty(1).Last();
                return new VersionPolicy(VersionPolicyKind.Latest, count, []);
            case "specific":
                var versions = body.All("versions").Select(f => Integer(f, 1, long.MaxValue)).ToList();
                if (versions.Count == 0)
                {
                    throw Fail($"line {kind.Line}: version_policy.specific lists no versions");
                }

                return new VersionPolicy(VersionPolicyKind.Specific, 0, versions);
            default:
                throw Fail($"line {kind.Line}: version_policy '{kind.Name}' is not one of latest, all, specific");
        }
    }

    private static void CheckUnique(List<TensorConfig> tensors, string what)
    {
        var duplicate = tensors.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Fail($"{what} '{duplicate.Key}' is declared twice");
        }
    }

    private static PbtxtMessage Message(PbtxtField field) =>
        field.Message ?? throw Fail($"line {field.Line}: '{field.Name}' must be a message {{ ... }}");

    private static string String(PbtxtField field) =>
        field.Scalar is { Kind: PbtxtScalarKind.String } s ? s.Text : throw Fail($"line {field.Line}: '{field.Name}' must be a quoted string");

    private static string Identifier(PbtxtField field) =>
        field.Scalar is { Kind: PbtxtScalarKind.Identifier } s ? s.Text : throw Fail($"line {field.Line}: '{field.Name}' must be an enum value such as TYPE_FP32");

    private static long Integer(PbtxtField field, long min, long max)
    {
        if (field.Scalar is not { Kind: PbtxtScalarKind.Number } s
            || !long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail($"line {field.Line}: '{field.Name}' must be an integer");
        }

        if (value < min || value > max)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"line {field.Line}: '{field.Name}' is {value}, outside {min}..{max}"));
        }

        return value;
    }

    private static ModelLoadException Fail(string reason) => new($"config.pbtxt: {reason}");
}
