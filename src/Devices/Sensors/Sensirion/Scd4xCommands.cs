namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>SCD4x 16-bit commands and their execution times (SCD4x datasheet v1.3, sections 3.5-3.9, table 9).</summary>
internal static class Scd4xCommands
{
    /// <summary>start_periodic_measurement: a new measurement every 5 s (section 3.5.1).</summary>
    public const ushort StartPeriodicMeasurement = 0x21B1;

    /// <summary>read_measurement: three words, 1 ms; NACK when the buffer is empty (section 3.5.2).</summary>
    public const ushort ReadMeasurement = 0xEC05;

    /// <summary>stop_periodic_measurement: 500 ms before the sensor takes other commands (section 3.5.3).</summary>
    public const ushort StopPeriodicMeasurement = 0x3F86;

    /// <summary>get_data_ready_status: one word, 1 ms; low 11 bits all 0 means no data (section 3.8.2).</summary>
    public const ushort GetDataReadyStatus = 0xE4B8;

    /// <summary>get_serial_number: three words, 1 ms (section 3.9.2).</summary>
    public const ushort GetSerialNumber = 0x3682;

    /// <summary>Execution time of the read commands.</summary>
    public static readonly TimeSpan ReadExecutionTime = TimeSpan.FromMilliseconds(1);

    /// <summary>Execution time of stop_periodic_measurement.</summary>
    public static readonly TimeSpan StopExecutionTime = TimeSpan.FromMilliseconds(500);

    /// <summary>Signal update interval in periodic mode.</summary>
    public static readonly TimeSpan PeriodicInterval = TimeSpan.FromSeconds(5);
}
