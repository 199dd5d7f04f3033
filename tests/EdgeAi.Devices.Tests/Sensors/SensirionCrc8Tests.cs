using EdgeAi.Devices.Sensors.Sensirion;

namespace EdgeAi.Devices.Tests.Sensors;

public sealed class SensirionCrc8Tests
{
    [Fact]
    public void Compute_DatasheetExample_0xBEEF_Is0x92()
    {
        // SHT3x-DIS datasheet section 4.12, table 20.
        Assert.Equal(0x92, SensirionCrc8.Compute([0xBE, 0xEF]));
    }

    [Fact]
    public void Compute_EmptyInput_IsInitialValue()
    {
        Assert.Equal(0xFF, SensirionCrc8.Compute([]));
    }

    [Fact]
    public void TryDecodeWords_AllCrcsMatch_ReturnsWords()
    {
        byte[] frame = [0xBE, 0xEF, 0x92, 0x66, 0x66, 0x93];
        var words = new ushort[2];

        Assert.True(SensirionCrc8.TryDecodeWords(frame, words));

        Assert.Equal([0xBEEF, 0x6666], words);
        Assert.Equal(0x93, SensirionCrc8.Compute([0x66, 0x66]));
    }

    [Fact]
    public void TryDecodeWords_SecondWordCrcWrong_ReturnsFalse()
    {
        byte[] frame = [0xBE, 0xEF, 0x92, 0x66, 0x66, 0x94];

        Assert.False(SensirionCrc8.TryDecodeWords(frame, new ushort[2]));
    }

    [Fact]
    public void EncodeWord_ThenDecode_RoundTrips()
    {
        var frame = new byte[3];
        SensirionCrc8.EncodeWord(0x1234, frame);
        var words = new ushort[1];

        Assert.True(SensirionCrc8.TryDecodeWords(frame, words));
        Assert.Equal(0x1234, words[0]);
    }
}
