using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace EdgeAi.Cloud.Client.Tests.Fakes;

/// <summary>A fake server behind <see cref="HttpMessageHandler"/>: answers with a delegate and records every request (with its body read eagerly).</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, string?, CancellationToken, Task<HttpResponseMessage>> _respond;

    public FakeHandler(Func<HttpRequestMessage, string?, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _respond = respond;
    }

    public FakeHandler(Func<HttpRequestMessage, string?, HttpResponseMessage> respond)
        : this((request, body, _) => Task.FromResult(respond(request, body)))
    {
    }

    public ConcurrentQueue<(HttpMethod Method, string Path, string? Body, string? Authorization)> Requests { get; } = new();

    /// <summary>Completes when the next request arrives (reset by <see cref="ExpectRequest"/>).</summary>
    public TaskCompletionSource Arrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ExpectRequest() => Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, body, request.Headers.Authorization?.ToString()));
        Arrived.TrySetResult();
        var response = await _respond(request, body, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
