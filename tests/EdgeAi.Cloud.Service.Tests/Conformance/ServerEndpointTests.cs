using System.Net;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Health, server metadata, model metadata and model ready against the real process.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class ServerEndpointTests(ServiceFixture fixture)
{
    [Fact]
    public async Task HealthLive_WithoutToken_Is200AndLive()
    {
        var (status, body) = await fixture.Anonymous.GetJsonAsync("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task HealthReady_WithoutToken_Is200AndReady()
    {
        var (status, body) = await fixture.Anonymous.GetJsonAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ServerMetadata_ReportsNameVersionAndExtensions()
    {
        var (status, body) = await fixture.Client.GetJsonAsync("/v2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("edgeai-model-service", body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        var extensions = body.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("binary_tensor_data", extensions);
        Assert.Contains("model_repository", extensions);
    }

    /// <summary>Triton's batch rule: config dims [4] with max_batch_size 8 is reported as shape [-1, 4].</summary>
    [Fact]
    public async Task ModelMetadata_BatchedModel_ReportsLeadingMinusOne()
    {
        var (status, body) = await fixture.Client.GetJsonAsync("/v2/models/simple");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("simple", body.GetProperty("name").GetString());
        Assert.Equal("onnxruntime_onnx", body.GetProperty("platform").GetString());
        Assert.Equal(["1"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var inputs = body.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["INPUT0", "INPUT1"], inputs.Select(i => i.GetProperty("name").GetString()));
        Assert.All(inputs, i => Assert.Equal("FP32", i.GetProperty("datatype").GetString()));
        Assert.All(inputs, i => Assert.Equal([-1L, 4L], i.Shape()));
        var outputs = body.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["OUTPUT0", "OUTPUT1"], outputs.Select(o => o.GetProperty("name").GetString()));
        Assert.All(outputs, o => Assert.Equal([-1L, 4L], o.Shape()));
    }

    [Fact]
    public async Task ModelMetadata_UnbatchedVariableDims_ReportsMinusOneWithoutBatch()
    {
        var (status, body) = await fixture.Client.GetJsonAsync("/v2/models/all_types");
        Assert.Equal(HttpStatusCode.OK, status);
        var input = body.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "IN_INT64");
        Assert.Equal("INT64", input.GetProperty("datatype").GetString());
        Assert.Equal([-1L], input.Shape());
        Assert.Equal(7, body.GetProperty("outputs").GetArrayLength());
    }

    /// <summary>version_policy specific [1, 3]: version 2 exists on disk but is not served.</summary>
    [Fact]
    public async Task ModelMetadata_SpecificVersionPolicy_ListsOnlyPolicyVersions()
    {
        var (status, body) = await fixture.Client.GetJsonAsync("/v2/models/versioned/versions/3");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["1", "3"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Http.AssertError(await fixture.Client.GetJsonAsync("/v2/models/versioned/versions/2"), HttpStatusCode.NotFound, "version 2");
    }

    [Fact]
    public async Task ModelReady_ServedModelAndVersion_Is200True()
    {
        foreach (var path in new[] { "/v2/models/simple/ready", "/v2/models/versioned/versions/1/ready" })
        {
            var (status, body) = await fixture.Client.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body.GetProperty("ready").GetBoolean(), path);
        }
    }

    [Fact]
    public async Task ModelReady_UnservedVersionOrFailedModel_Is400False()
    {
        foreach (var path in new[] { "/v2/models/versioned/versions/2/ready", "/v2/models/broken_config/ready" })
        {
            var (status, body) = await fixture.Client.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.False(body.GetProperty("ready").GetBoolean(), path);
        }
    }

    [Fact]
    public async Task ModelEndpoints_UnknownModel_Are404WithError()
    {
        Http.AssertError(await fixture.Client.GetJsonAsync("/v2/models/nope"), HttpStatusCode.NotFound, "nope");
        Http.AssertError(await fixture.Client.GetJsonAsync("/v2/models/nope/ready"), HttpStatusCode.NotFound, "nope");
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/nope/infer", "{}"), HttpStatusCode.NotFound, "nope");
    }

    /// <summary>A model whose config.pbtxt is bad does not load, says why in the index, and the others serve.</summary>
    [Fact]
    public async Task RepositoryIndex_BadConfigs_UnavailableWithReason()
    {
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/repository/index", "{}");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = body.EnumerateArray().ToList();
        JsonElement Row(string name) => rows.Single(r => r.GetProperty("name").GetString() == name);
        Assert.Equal("UNAVAILABLE", Row("broken_config").GetProperty("state").GetString());
        Assert.Contains("max_batch_size", Row("broken_config").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("UNAVAILABLE", Row("config_mismatch").GetProperty("state").GetString());
        Assert.Contains("TYPE_INT32", Row("config_mismatch").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("READY", Row("simple").GetProperty("state").GetString());
        Assert.Equal(["1", "3"], rows.Where(r => r.GetProperty("name").GetString() == "versioned").Select(r => r.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task RepositoryIndex_ReadyOnly_LeavesOutUnavailable()
    {
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/repository/index", """{"ready": true}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(body.EnumerateArray(), r => Assert.Equal("READY", r.GetProperty("state").GetString()));
        Assert.DoesNotContain(body.EnumerateArray(), r => r.GetProperty("name").GetString() == "broken_config");
    }

    [Fact]
    public async Task UnknownPathAndWrongMethod_HaveErrorBodies()
    {
        Http.AssertError(await fixture.Client.GetJsonAsync("/v2/nothing/here"), HttpStatusCode.NotFound, "not found");
        Http.AssertError(await fixture.Client.GetJsonAsync("/v2/models/simple/infer"), HttpStatusCode.MethodNotAllowed, "method");
    }
}
