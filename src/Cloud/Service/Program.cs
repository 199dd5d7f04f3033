using EdgeAi.Cloud.Service.Cli;

// The model service: `serve` speaks the Open Inference Protocol v2 over a Triton-style model repository,
// `token create` issues bearer tokens. See docs/cloud.md.
return await ServiceCommandLine.RunAsync(args).ConfigureAwait(false);
