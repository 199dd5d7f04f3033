// The model service grows here (issue: Cloud). Until then it serves the two Open Inference Protocol
// health endpoints, so the project builds and a process can be probed.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/v2/health/live", () => Results.Ok());
app.MapGet("/v2/health/ready", () => Results.Ok());
await app.RunAsync().ConfigureAwait(false);
