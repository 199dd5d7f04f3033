namespace EdgeAi.Devices.Sensors;

/// <summary>Why a read failed. A failed read never yields a value.</summary>
public enum SensorReadFailure
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The bus reported an error (an I2C NACK surfaces as an <see cref="IOException"/>).</summary>
    BusError,

    /// <summary>A CRC-8 over a data word did not match: the bytes were corrupted on the way.</summary>
    CrcMismatch,

    /// <summary>The chip has no new measurement yet (still converting, or not started).</summary>
    NotReady,

    /// <summary>The chip answered with a value outside its specified range.</summary>
    OutOfRange,
}
