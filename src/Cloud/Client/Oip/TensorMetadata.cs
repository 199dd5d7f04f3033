namespace EdgeAi.Cloud.Client.Oip;

/// <summary>An input or output as model metadata describes it; -1 marks a variable dimension.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Datatype">OIP datatype.</param>
/// <param name="Shape">Shape with -1 for variable dimensions.</param>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
