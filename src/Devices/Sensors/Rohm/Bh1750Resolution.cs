namespace EdgeAi.Devices.Sensors.Rohm;

/// <summary>BH1750FVI continuous measurement modes (datasheet, "Instruction Set Architecture" and "Measurement mode explanation").</summary>
public enum Bh1750Resolution
{
    /// <summary>Continuously H-resolution mode, opecode 0x10: 1 lx resolution, 120 ms typical, 180 ms max.</summary>
    High,

    /// <summary>Continuously H-resolution mode 2, opecode 0x11: 0.5 lx resolution, 120 ms typical, 180 ms max.</summary>
    High2,

    /// <summary>Continuously L-resolution mode, opecode 0x13: 4 lx resolution, 16 ms typical, 24 ms max.</summary>
    Low,
}
