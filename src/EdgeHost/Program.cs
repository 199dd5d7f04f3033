using EdgeAi.EdgeHost.Cli;

return await EdgeAiCommandLine.InvokeAsync(args).ConfigureAwait(false);
