namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>An encoded inference response: the JSON object, then the binary output data that follows it.</summary>
/// <param name="Json">The <c>$inference_response</c> JSON bytes.</param>
/// <param name="Binary">Binary tensor data in output order (binary tensor extension); empty when every output is JSON.</param>
internal sealed record InferResponse(ReadOnlyMemory<byte> Json, IReadOnlyList<ReadOnlyMemory<byte>> Binary)
{
    /// <summary>Bytes of binary data after the JSON.</summary>
    public long BinaryLength => Binary.Sum(b => (long)b.Length);
}
