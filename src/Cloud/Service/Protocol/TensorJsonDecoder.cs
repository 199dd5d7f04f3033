using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Protocol;

/// <summary>
/// Decodes a tensor's JSON <c>data</c> straight into its little-endian byte layout. The spec allows the
/// data flat (<c>[1,2,3,4]</c>) or nested to the shape (<c>[[1,2],[3,4]]</c>) (OIP inference_rest.md,
/// "Tensor Data"); nested data must match the shape at every level, flat data must hold exactly the
/// shape's element count.
/// </summary>
internal ref struct TensorJsonDecoder
{
    private readonly string _name;
    private readonly TensorDataType _type;
    private readonly long[] _shape;
    private readonly byte[] _bytes;
    private readonly int _elementSize;
    private readonly long _count;
    private long _written;
    private int _leafDepth;
    private bool _nested;

    private TensorJsonDecoder(string name, TensorDataType type, long[] shape, long count)
    {
        _name = name;
        _type = type;
        _shape = shape;
        _count = count;
        _elementSize = type.ElementSize();
        _bytes = new byte[checked((int)(count * _elementSize))];
        _leafDepth = -1;
    }

    /// <summary>Decodes the array starting at <paramref name="offset"/> of <paramref name="json"/>.</summary>
    /// <param name="json">The whole request JSON (already validated by <see cref="InferRequestParser"/>).</param>
    /// <param name="offset">Where the <c>data</c> array starts.</param>
    /// <param name="name">Input name, for messages.</param>
    /// <param name="type">Element type.</param>
    /// <param name="shape">The request's shape.</param>
    /// <param name="elementCount">The shape's element count, already checked to fit in memory.</param>
    /// <exception cref="ProtocolException">400 naming the input and what does not fit.</exception>
    public static byte[] Decode(ReadOnlySpan<byte> json, int offset, string name, TensorDataType type, long[] shape, long elementCount)
    {
        var decoder = new TensorJsonDecoder(name, type, shape, elementCount);
        var reader = new Utf8JsonReader(json[offset..]);
        reader.Read();
        decoder.ReadArray(ref reader, 0);
        if (decoder._written != decoder._count)
        {
            throw decoder.Mismatch(string.Create(CultureInfo.InvariantCulture, $"has {decoder._written} elements"));
        }

        return decoder._bytes;
    }

    private void ReadArray(ref Utf8JsonReader reader, int depth)
    {
        long length = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                _nested = true;
                if (depth + 1 >= _shape.Length)
                {
                    throw Mismatch("is nested deeper than the shape");
                }

                ReadArray(ref reader, depth + 1);
            }
            else
            {
                if (_leafDepth == -1)
                {
                    _leafDepth = depth;
                }
                else if (_leafDepth != depth)
                {
                    throw Mismatch("mixes values and arrays at different depths");
                }

                WriteElement(ref reader);
            }

            length++;
        }

        if (_nested)
        {
            // Nested data carries the shape itself: every level must have exactly shape[depth] entries.
            if (depth >= _shape.Length || length != _shape[depth] || (_leafDepth != -1 && _leafDepth != _shape.Length - 1))
            {
                throw Mismatch("is nested differently from the shape");
            }
        }
    }

    private void WriteElement(ref Utf8JsonReader reader)
    {
        if (_written >= _count)
        {
            throw Mismatch("has more elements than the shape");
        }

        var target = _bytes.AsSpan(checked((int)(_written * _elementSize)), _elementSize);
        switch (_type)
        {
            case TensorDataType.Bool:
                target[0] = reader.TokenType switch
                {
                    JsonTokenType.True => 1,
                    JsonTokenType.False => 0,
                    _ => throw WrongValue(ref reader, "true or false"),
                };
                break;
            case TensorDataType.UInt8:
                target[0] = (byte)Unsigned(ref reader, byte.MaxValue);
                break;
            case TensorDataType.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)Unsigned(ref reader, ushort.MaxValue));
                break;
            case TensorDataType.UInt32:
                BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)Unsigned(ref reader, uint.MaxValue));
                break;
            case TensorDataType.UInt64:
                BinaryPrimitives.WriteUInt64LittleEndian(target, Unsigned(ref reader, ulong.MaxValue));
                break;
            case TensorDataType.Int8:
                target[0] = (byte)(sbyte)Signed(ref reader, sbyte.MinValue, sbyte.MaxValue);
                break;
            case TensorDataType.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(target, (short)Signed(ref reader, short.MinValue, short.MaxValue));
                break;
            case TensorDataType.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(target, (int)Signed(ref reader, int.MinValue, int.MaxValue));
                break;
            case TensorDataType.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(target, Signed(ref reader, long.MinValue, long.MaxValue));
                break;
            case TensorDataType.Fp32:
                var d = Double(ref reader);
                var f = (float)d;
                if (float.IsInfinity(f))
                {
                    throw WrongValue(ref reader, "a number within the FP32 range");
                }

                BinaryPrimitives.WriteSingleLittleEndian(target, f);
                break;
            case TensorDataType.Fp64:
                BinaryPrimitives.WriteDoubleLittleEndian(target, Double(ref reader));
                break;
            default:
                throw new ProtocolException($"input '{_name}': datatype {_type.ToProtocolName()} has no JSON form");
        }

        _written++;
    }

    private readonly ulong Unsigned(ref Utf8JsonReader reader, ulong max) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var value) && value <= max
            ? value
            : throw WrongValue(ref reader, string.Create(CultureInfo.InvariantCulture, $"integers in 0..{max}"));

    private readonly long Signed(ref Utf8JsonReader reader, long min, long max) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= min && value <= max
            ? value
            : throw WrongValue(ref reader, string.Create(CultureInfo.InvariantCulture, $"integers in {min}..{max}"));

    private readonly double Double(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw WrongValue(ref reader, "numbers");

    private readonly ProtocolException WrongValue(ref Utf8JsonReader reader, string expected)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        };
        return new ProtocolException($"input '{_name}': {_type.ToProtocolName()} data must be {expected}, found {found}");
    }

    private readonly ProtocolException Mismatch(string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"input '{_name}': data {what}, but shape [{string.Join(",", _shape)}] needs {_count} elements"));
}
