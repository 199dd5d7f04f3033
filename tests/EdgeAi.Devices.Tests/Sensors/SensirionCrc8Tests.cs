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
    public void TryDecodeWords_Scd4xSerialNumberExample_MatchesDatasheet()
    {
        // SCD4x datasheet section 3.9.2: response 0xF896 0x31 0x9F07 0xC2 0x3BBE 0x89 is serial 273'325'796'834'238.
        byte[] frame = [0xF8, 0x96, 0x31, 0x9F, 0x07, 0xC2, 0x3B, 0xBE, 0x89];
        var words = new ushort[3];

        Assert.True(SensirionCrc8.TryDecodeWords(frame, words));

        Assert.Equal(273_325_796_834_238UL, ((ulong)words[0] << 32) | ((ulong)words[1] << 16) | words[2]);
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
