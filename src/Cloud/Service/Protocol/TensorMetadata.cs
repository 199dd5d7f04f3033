namespace EdgeAi.Cloud.Service.Protocol;

/// <summary><c>$metadata_tensor</c>: a model input or output; -1 marks a variable dimension.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Datatype">Protocol datatype.</param>
/// <param name="Shape">Shape, with a leading -1 for the batch when the model batches.</param>
internal sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
