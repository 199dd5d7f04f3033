using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;

namespace EdgeAi.Cloud.Service.Tests.Unit;

public sealed class ModelConfigReaderTests
{
    private const string Valid = """
        name: "m"
        platform: "onnxruntime_onnx"
        max_batch_size: 16
        input [ { name: "x" data_type: TYPE_FP32 dims: [ 16 ] } ]
        output [ { name: "y" data_type: TYPE_INT64 dims: [ -1 ] } ]
        dynamic_batching { preferred_batch_size: [ 4, 8 ] max_queue_delay_microseconds: 500 }
        version_policy: { latest: { num_versions: 2 } }
        instance_group [ { count: 2 kind: KIND_CPU } ]
        """;

    [Fact]
    public void Read_ValidConfig_ReadsEverySupportedField()
    {
        var config = ModelConfigReader.Read("m", Valid);
        Assert.Equal(16, config.MaxBatchSize);
        Assert.Equal("x", config.Inputs[0].Name);
        Assert.Equal(TensorDataType.Fp32, config.Inputs[0].DataType);
        Assert.Equal([16L], config.Inputs[0].Dims);
        Assert.Equal(TensorDataType.Int64, config.Outputs[0].DataType);
        Assert.Equal([4, 8], config.DynamicBatching!.PreferredBatchSizes);
        Assert.Equal(500, config.DynamicBatching.MaxQueueDelayMicroseconds);
        Assert.Equal(VersionPolicyKind.Latest, config.VersionPolicy.Kind);
        Assert.Equal(2, config.VersionPolicy.LatestCount);
        Assert.Equal("model.onnx", config.ModelFileName);
    }

    /// <summary>Triton: with max_batch_size > 0, dims [16] is the request shape [-1, 16].</summary>
    [Fact]
    public void ProtocolShape_Batched_PrependsMinusOne()
    {
        var config = ModelConfigReader.Read("m", Valid);
        Assert.Equal([-1L, 16L], config.ProtocolShape(config.Inputs[0]));
        var unbatched = config with { MaxBatchSize = 0 };
        Assert.Equal([16L], unbatched.ProtocolShape(config.Inputs[0]));
    }

    [Fact]
    public void Read_EmptyConfig_DefaultsLikeTriton()
    {
        var config = ModelConfigReader.Read("m", "");
        Assert.Equal(0, config.MaxBatchSize);
        Assert.Equal(VersionPolicy.Default, config.VersionPolicy);
        Assert.Null(config.DynamicBatching);
        Assert.Equal(ModelConfig.OnnxPlatform, config.Platform);
    }

    [Theory]
    [InlineData("name: \"other\"", "does not match the model folder")]
    [InlineData("platform: \"tensorrt_plan\"", "platform \"tensorrt_plan\" is not supported")]
    [InlineData("backend: \"python\"", "backend \"python\"")]
    [InlineData("max_batch_size: -1", "outside 0..")]
    [InlineData("max_batch_size: \"8\"", "must be an integer")]
    [InlineData("input { name: \"x\" data_type: TYPE_STRING dims: [1] }", "TYPE_STRING is not supported")]
    [InlineData("input { name: \"x\" data_type: \"TYPE_FP32\" dims: [1] }", "must be an enum value")]
    [InlineData("input { name: \"x\" data_type: TYPE_FP32 }", "has no dims")]
    [InlineData("input { data_type: TYPE_FP32 dims: [1] }", "has no name")]
    [InlineData("input { name: \"x\" data_type: TYPE_FP32 dims: [0] }", "positive or -1")]
    [InlineData("input { name: \"x\" data_type: TYPE_FP32 dims: [1] reshape: { shape: [1] } }", "'input.reshape' is not supported")]
    [InlineData("input { name: \"x\" data_type: TYPE_FP32 dims: [1] } input { name: \"x\" data_type: TYPE_FP32 dims: [1] }", "declared twice")]
    [InlineData("dynamic_batching { }", "needs max_batch_size > 0")]
    [InlineData("max_batch_size: 4 dynamic_batching { preferred_batch_size: 8 }", "exceeds max_batch_size 4")]
    [InlineData("max_batch_size: 4 dynamic_batching { priority_levels: 2 }", "dynamic_batching.priority_levels")]
    [InlineData("version_policy { newest { } }", "not one of latest, all, specific")]
    [InlineData("version_policy { specific { } }", "lists no versions")]
    [InlineData("sequence_batching { }", "'sequence_batching' is not supported")]
    [InlineData("default_model_filename: \"../x.onnx\"", "plain file name")]
    [InlineData("max_batch_size: [ nonsense", "line 1")]
    public void Read_BadConfig_FailsWithReason(string text, string reason)
    {
        var e = Assert.Throws<ModelLoadException>(() => ModelConfigReader.Read("m", text));
        Assert.StartsWith("config.pbtxt: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPolicy_SelectsLikeTriton()
    {
        long[] available = [3, 1, 10, 2];
        Assert.Equal([10L], VersionPolicy.Default.Select(available));
        Assert.Equal([3L, 10L], new VersionPolicy(VersionPolicyKind.Latest, 2, []).Select(available));
        Assert.Equal([1L, 2L, 3L, 10L], new VersionPolicy(VersionPolicyKind.All, 0, []).Select(available));
        Assert.Equal([2L, 10L], new VersionPolicy(VersionPolicyKind.Specific, 0, [10, 2, 7]).Select(available));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("42", true)]
    [InlineData("0", false)]
    [InlineData("007", false)]
    [InlineData("v1", false)]
    [InlineData("1.0", false)]
    public void IsVersionFolder_FollowsTritonRules(string name, bool expected) =>
        Assert.Equal(expected, ModelLoader.IsVersionFolder(name));
}
