using System.Text.Json;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Inference;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Tests.Inference;

public sealed class InferenceEntityTests
{
    private static readonly TopicLayout Topics = new("edgeai", "node1", "homeassistant");
    private static readonly NodeDevice Device = new("EdgeAi node1", "Raspberry Pi 4", "0.1.0");

    [Fact]
    public void Publishes_nothing_before_the_first_decision()
    {
        Assert.Empty(new InferenceEntity("occupancy", ["empty", "occupied"]).CurrentStates());
    }

    [Fact]
    public void Discovery_has_the_decision_sensor_and_the_diagnostic_inference_tier_sensor_on_one_state_topic()
    {
        var docs = new InferenceEntity("occupancy", ["empty", "occupied"]).Discovery(Topics, Device);
        Assert.Equal(2, docs.Count);
        using var decision = JsonDocument.Parse(docs[0].Payload);
        using var tier = JsonDocument.Parse(docs[1].Payload);
        Assert.Equal("edgeai/node1/occupancy/state", decision.RootElement.GetProperty("state_topic").GetString());
        Assert.Equal("enum", decision.RootElement.GetProperty("device_class").GetString());
        Assert.Equal(["empty", "occupied"], decision.RootElement.GetProperty("options").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("inference_tier", docs[1].ObjectId);
        Assert.Equal("diagnostic", tier.RootElement.GetProperty("entity_category").GetString());
        Assert.Equal("{{ value_json.tier }}", tier.RootElement.GetProperty("value_template").GetString());
        Assert.Equal(["local", "cloud", "local-fallback"], tier.RootElement.GetProperty("options").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("edgeai/node1/occupancy/state", tier.RootElement.GetProperty("state_topic").GetString());
    }

    [Fact]
    public void A_decision_is_published_with_label_confidence_tier_engine_and_version()
    {
        var entity = new InferenceEntity("occupancy", ["empty", "occupied"]);
        var raised = 0;
        entity.StateChanged += _ => raised++;
        entity.Update(new OffloadDecision(new ModelAnswer(1, 0.61234f), InferenceTier.LocalFallback, "deadline"), "native/avx2", 3);
        Assert.Equal(1, raised);
        using var state = JsonDocument.Parse(Assert.Single(entity.CurrentStates()).Payload);
        Assert.Equal("occupied", state.RootElement.GetProperty("label").GetString());
        Assert.Equal(0.612, state.RootElement.GetProperty("confidence").GetDouble(), 3);
        Assert.Equal("local-fallback", state.RootElement.GetProperty("tier").GetString());
        Assert.Equal("native/avx2", state.RootElement.GetProperty("engine").GetString());
        Assert.Equal(3, state.RootElement.GetProperty("model_version").GetInt64());
    }
}
