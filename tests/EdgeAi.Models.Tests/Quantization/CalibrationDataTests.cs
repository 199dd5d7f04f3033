using EdgeAi.Models.Quantization;
using EdgeAi.Models.Tests.Training;

namespace EdgeAi.Models.Tests.Quantization;

public sealed class CalibrationDataTests
{
    private static CalibrationData Parse(string csv, double holdout = 0.2) =>
        CalibrationData.ParseCsv(new StringReader(csv), [3], holdout, "cal.csv");

    [Fact]
    public void ParseCsv_HeaderWithLabel_SplitsLabelsAndHoldsOutTheLastLines()
    {
        string csv = "a,label,b,c\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}.5,{i % 3},-1e-3,{i}\n"));

        CalibrationData data = Parse(csv);

        Assert.True(data.HasLabels);
        Assert.Equal(8, data.CalibrationCount);
        Assert.Equal(2, data.HoldoutCount);
        Assert.Equal([8.5f, -1e-3f, 8f, 9.5f, -1e-3f, 9f], data.HoldoutInputs.ToArray());
        Assert.Equal([8 % 3, 9 % 3], data.HoldoutLabels.ToArray());
    }

    [Fact]
    public void ParseCsv_NoHeader_AllColumnsAreInputsAndNoLabels()
    {
        CalibrationData data = Parse("1,2,3\n4,5,6\n\n", holdout: 0);

        Assert.False(data.HasLabels);
        Assert.Equal(2, data.CalibrationCount);
        Assert.Equal([1f, 2, 3, 4, 5, 6], data.CalibrationInputs.ToArray());
    }

    [Fact]
    public void ParseCsv_RaggedRow_NamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse("x,y,z\n1,2,3\n1,2\n"));

        Assert.StartsWith("cal.csv:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,NaN,3\n")]
    [InlineData("1,Infinity,3\n")]
    [InlineData("1,2,abc\n4,5,6\n")]
    public void ParseCsv_NonFiniteOrText_NamesTheLine(string csv)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(csv));

        Assert.StartsWith("cal.csv:1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b,c\n")]
    [InlineData("\n\n")]
    public void ParseCsv_NoSamples_Throws(string csv)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(csv));

        Assert.Contains("no samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCsv_BadLabel_NamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse("label,a,b,c\n0,1,2,3\n1.5,1,2,3\n"));

        Assert.StartsWith("cal.csv:3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_File_TakesTheSampleShapeFromTheModel()
    {
        string path = Path.GetTempFileName();
        try
        {
            string row = string.Join(",", Enumerable.Range(0, TrainedModels.WaveLength).Select(i => (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            File.WriteAllText(path, string.Join("\n", Enumerable.Repeat(row, 5)));

            CalibrationData data = CalibrationData.ReadCsv(path, TrainedModels.Cnn(seed: 1).ExportOnnx());

            Assert.Equal([1, TrainedModels.WaveLength], data.SampleShape);
            Assert.Equal(4, data.CalibrationCount);
            Assert.Equal(1, data.HoldoutCount);
            Assert.Equal(7.75f, data.HoldoutInputs[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCsv_WrongLength_NamesFileAndLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "1,2,3,4\n1,2,3\n");

            var e = Assert.Throws<InvalidDataException>(() => CalibrationData.ReadCsv(path, TrainedModels.Mlp(seed: 1).ExportOnnx()));
            Assert.StartsWith(path + ":2:", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParseCsv_HoldoutLeavingNothing_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse("1,2,3\n", holdout: 1));
    }
}
