using System.Buffers.Binary;

namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>
/// The trimming parameters stored in each BME280's NVM (datasheet section 4.2.2, table 16): little-endian words at
/// 0x88..0x9F, dig_H1 at 0xA1, and dig_H2..dig_H6 at 0xE1..0xE7 where dig_H4 and dig_H5 are 12-bit values sharing 0xE5.
/// </summary>
public sealed record Bme280Calibration
{
    /// <summary>dig_T1 (unsigned short, 0x88/0x89).</summary>
    public ushort T1 { get; init; }

    /// <summary>dig_T2 (signed short, 0x8A/0x8B).</summary>
    public short T2 { get; init; }

    /// <summary>dig_T3 (signed short, 0x8C/0x8D).</summary>
    public short T3 { get; init; }

    /// <summary>dig_P1 (unsigned short, 0x8E/0x8F).</summary>
    public ushort P1 { get; init; }

    /// <summary>dig_P2 (signed short, 0x90/0x91).</summary>
    public short P2 { get; init; }

    /// <summary>dig_P3 (signed short, 0x92/0x93).</summary>
    public short P3 { get; init; }

    /// <summary>dig_P4 (signed short, 0x94/0x95).</summary>
    public short P4 { get; init; }

    /// <summary>dig_P5 (signed short, 0x96/0x97).</summary>
    public short P5 { get; init; }

    /// <summary>dig_P6 (signed short, 0x98/0x99).</summary>
    public short P6 { get; init; }

    /// <summary>dig_P7 (signed short, 0x9A/0x9B).</summary>
    public short P7 { get; init; }

    /// <summary>dig_P8 (signed short, 0x9C/0x9D).</summary>
    public short P8 { get; init; }

    /// <summary>dig_P9 (signed short, 0x9E/0x9F).</summary>
    public short P9 { get; init; }

    /// <summary>dig_H1 (unsigned char, 0xA1).</summary>
    public byte H1 { get; init; }

    /// <summary>dig_H2 (signed short, 0xE1/0xE2).</summary>
    public short H2 { get; init; }

    /// <summary>dig_H3 (unsigned char, 0xE3).</summary>
    public byte H3 { get; init; }

    /// <summary>dig_H4 (signed 12 bit: 0xE4 as bits 11:4, 0xE5 bits 3:0 as bits 3:0).</summary>
    public short H4 { get; init; }

    /// <summary>dig_H5 (signed 12 bit: 0xE6 as bits 11:4, 0xE5 bits 7:4 as bits 3:0).</summary>
    public short H5 { get; init; }

    /// <summary>dig_H6 (signed char, 0xE7).</summary>
    public sbyte H6 { get; init; }

    /// <summary>Parses the two calibration blocks as read from the chip.</summary>
    /// <param name="block1">26 bytes from 0x88.</param>
    /// <param name="block2">7 bytes from 0xE1.</param>
    public static Bme280Calibration Parse(ReadOnlySpan<byte> block1, ReadOnlySpan<byte> block2)
    {
        if (block1.Length != Bme280Registers.CalibrationBlock1Length || block2.Length != Bme280Registers.CalibrationBlock2Length)
        {
            throw new ArgumentException("Calibration blocks are 26 bytes from 0x88 and 7 bytes from 0xE1.");
        }

        return new Bme280Calibration
        {
            T1 = BinaryPrimitives.ReadUInt16LittleEndian(block1[0..]),
            T2 = BinaryPrimitives.ReadInt16LittleEndian(block1[2..]),
            T3 = BinaryPrimitives.ReadInt16LittleEndian(block1[4..]),
            P1 = BinaryPrimitives.ReadUInt16LittleEndian(block1[6..]),
            P2 = BinaryPrimitives.ReadInt16LittleEndian(block1[8..]),
            P3 = BinaryPrimitives.ReadInt16LittleEndian(block1[10..]),
            P4 = BinaryPrimitives.ReadInt16LittleEndian(block1[12..]),
            P5 = BinaryPrimitives.ReadInt16LittleEndian(block1[14..]),
            P6 = BinaryPrimitives.ReadInt16LittleEndian(block1[16..]),
            P7 = BinaryPrimitives.ReadInt16LittleEndian(block1[18..]),
            P8 = BinaryPrimitives.ReadInt16LittleEndian(block1[20..]),
            P9 = BinaryPrimitives.ReadInt16LittleEndian(block1[22..]),
            // block1[24] is 0xA0, reserved.
            H1 = block1[25],
            H2 = BinaryPrimitives.ReadInt16LittleEndian(block2[0..]),
            H3 = block2[2],
            // 0xE4 is signed: sign-extend it before shifting so dig_H4/dig_H5 keep their sign.
            H4 = (short)(((sbyte)block2[3] << 4) | (block2[4] & 0x0F)),
            H5 = (short)(((sbyte)block2[5] << 4) | (block2[4] >> 4)),
            H6 = (sbyte)block2[6],
        };
    }

    /// <summary>Writes the parameters in the chip's NVM layout (the inverse of <see cref="Parse"/>).</summary>
    public void WriteTo(Span<byte> block1, Span<byte> block2)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(block1[0..], T1);
        BinaryPrimitives.WriteInt16LittleEndian(block1[2..], T2);
        BinaryPrimitives.WriteInt16LittleEndian(block1[4..], T3);
        BinaryPrimitives.WriteUInt16LittleEndian(block1[6..], P1);
        BinaryPrimitives.WriteInt16LittleEndian(block1[8..], P2);
        BinaryPrimitives.WriteInt16LittleEndian(block1[10..], P3);
        BinaryPrimitives.WriteInt16LittleEndian(block1[12..], P4);
        BinaryPrimitives.WriteInt16LittleEndian(block1[14..], P5);
        BinaryPrimitives.WriteInt16LittleEndian(block1[16..], P6);
        BinaryPrimitives.WriteInt16LittleEndian(block1[18..], P7);
        BinaryPrimitives.WriteInt16LittleEndian(block1[20..], P8);
        BinaryPrimitives.WriteInt16LittleEndian(block1[22..], P9);
        block1[24] = 0;
        block1[25] = H1;
        BinaryPrimitives.WriteInt16LittleEndian(block2[0..], H2);
        block2[2] = H3;
        block2[3] = (byte)(H4 >> 4);
        block2[4] = (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4));
        block2[5] = (byte)(H5 >> 4);
        block2[6] = (byte)H6;
    }
}
