namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>
/// The CRC-8 Sensirion puts after every 16-bit word on its I2C sensors (SHT3x-DIS datasheet section 4.12, table 20;
/// SCD4x datasheet section 3.11): polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF, no reflection,
/// no final XOR. Example from the datasheet: CRC(0xBEEF) = 0x92.
/// </summary>
public static class SensirionCrc8
{
    private const byte Polynomial = 0x31;
    private const byte Initial = 0xFF;

    /// <summary>Computes the CRC over <paramref name="data"/> (normally the two bytes of one word, MSB first).</summary>
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        var crc = Initial;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ Polynomial) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <summary>
    /// Checks a run of words laid out as MSB, LSB, CRC (three bytes per word) and writes the words to
    /// <paramref name="words"/>.
    /// </summary>
    /// <returns>False when any word's CRC does not match; the words are then not to be used.</returns>
    public static bool TryDecodeWords(ReadOnlySpan<byte> frame, Span<ushort> words)
    {
        if (frame.Length != words.Length * 3)
        {
            throw new ArgumentException($"A frame of {words.Length} words is {words.Length * 3} bytes, not {frame.Length}.", nameof(frame));
        }

        for (var i = 0; i < words.Length; i++)
        {
            var word = frame.Slice(i * 3, 2);
            if (Compute(word) != frame[(i * 3) + 2])
            {
                return false;
            }

            words[i] = (ushort)((word[0] << 8) | word[1]);
        }

        return true;
    }

    /// <summary>Writes <paramref name="word"/> as MSB, LSB, CRC into the first three bytes of <paramref name="destination"/>.</summary>
    public static void EncodeWord(ushort word, Span<byte> destination)
    {
        destination[0] = (byte)(word >> 8);
        destination[1] = (byte)word;
        destination[2] = Compute(destination[..2]);
    }
}
