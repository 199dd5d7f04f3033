namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>One <c>$request_output</c>: an output the client wants, and whether as binary data.</summary>
/// <param name="Name">Output name.</param>
/// <param name="Binary">The <c>binary_data</c> parameter (binary tensor extension), or null when not given.</param>
internal sealed record InferOutputRequest(string Name, bool? Binary);
