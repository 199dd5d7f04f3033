using System.Net;
using System.Net.Http.Headers;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Bearer tokens: required everywhere but the two health endpoints; 401 without, 403 with a wrong one.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class AuthenticationTests(ServiceFixture fixture)
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/v2" },
        { "GET", "/v2/models/simple" },
        { "GET", "/v2/models/simple/versions/1" },
        { "GET", "/v2/models/simple/ready" },
        { "GET", "/v2/models/simple/versions/1/ready" },
        { "POST", "/v2/models/simple/infer" },
        { "POST", "/v2/models/simple/versions/1/infer" },
        { "POST", "/v2/repository/index" },
        { "POST", "/v2/repository/models/simple/load" },
        { "POST", "/v2/repository/models/simple/unload" },
        { "GET", "/v2/not-an-endpoint" },
        { "GET", "/metrics" },
        { "GET", "/edgeai/v1/models" },
        { "GET", "/edgeai/v1/telemetry" },
        { "POST", "/edgeai/v1/telemetry" },
        { "GET", "/edgeai/v1/models/versioned/versions/1/artifact" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task ProtectedEndpoint_NoToken_Is401WithChallenge(string method, string path)
    {
        using var response = await fixture.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.Unauthorized, "bearer token");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task ProtectedEndpoint_WrongToken_Is403(string method, string path)
    {
        using var response = await fixture.WrongToken.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.Forbidden, "not accepted");
    }

    [Fact]
    public async Task OtherScheme_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var response = await fixture.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenWithExtraCharacter_Is403()
    {
        using var client = fixture.NewClient(fixture.Token + "x");
        var (status, _) = await client.GetJsonAsync("/v2");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task ValidToken_IsAccepted()
    {
        var (status, _) = await fixture.Client.GetJsonAsync("/v2");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The token is shown once and never written anywhere the service logs.</summary>
    [Fact]
    public void ServiceOutput_NeverContainsToken()
    {
        Assert.DoesNotContain(fixture.Token, fixture.Service.Output, StringComparison.Ordinal);
    }
}
