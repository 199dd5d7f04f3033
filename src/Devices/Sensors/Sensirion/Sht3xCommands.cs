namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>SHT3x-DIS 16-bit commands (datasheet May 2018 v5, section 4), all at high repeatability.</summary>
internal static class Sht3xCommands
{
    /// <summary>Single shot, high repeatability, clock stretching disabled (table 9).</summary>
    public const ushort SingleShotHighRepeatability = 0x2400;

    /// <summary>Fetch data in periodic mode (table 11); the data memory is cleared after the read.</summary>
    public const ushort FetchData = 0xE000;

    /// <summary>Break: stop periodic acquisition and return to single shot mode (section 4.8, table 13).</summary>
    public const ushort Break = 0x3093;

    /// <summary>Soft reset (section 4.9, table 14).</summary>
    public const ushort SoftReset = 0x30A2;

    /// <summary>Longest single shot measurement at high repeatability (table 4: 15 ms max; 15.5 ms in older revisions).</summary>
    public static readonly TimeSpan MaximumMeasurementDuration = TimeSpan.FromMilliseconds(15.5);

    /// <summary>Periodic acquisition commands at high repeatability (table 10).</summary>
    public static ushort Periodic(Sht3xPeriodicRate rate) => rate switch
    {
        Sht3xPeriodicRate.HalfPerSecond => 0x2032,
        Sht3xPeriodicRate.OnePerSecond => 0x2130,
        Sht3xPeriodicRate.TwoPerSecond => 0x2236,
        Sht3xPeriodicRate.FourPerSecond => 0x2334,
        Sht3xPeriodicRate.TenPerSecond => 0x2737,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate from table 10."),
    };
}
