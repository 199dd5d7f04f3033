using System.Text.Json;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>One <c>$request_input</c> of an inference request, before it is checked against the model.</summary>
/// <param name="Name">Input name.</param>
/// <param name="DataType">Datatype as the client wrote it.</param>
/// <param name="Shape">Shape as the client wrote it.</param>
/// <param name="DataOffset">Byte offset of the <c>data</c> array in the JSON, or -1 when absent; decoded later, once the datatype is known.</param>
/// <param name="BinaryDataSize">The <c>binary_data_size</c> parameter (binary tensor extension), or null.</param>
/// <param name="Parameters">The input's <c>parameters</c> object, if any.</param>
internal sealed record InferInputRequest(string Name, string DataType, long[] Shape, int DataOffset, long? BinaryDataSize, JsonElement? Parameters);
