namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// The chip side of a simulated I2C device: what it does with the bytes a master writes and what it answers to a
/// read. Subclasses model one part each from its datasheet (register map or command set).
/// </summary>
/// <remarks>
/// <see cref="SimulatedI2cDevice"/> serializes transfers to one chip, so subclasses need no locking for transfers;
/// properties the world sets from other threads take the chip's <see cref="Gate"/>.
/// </remarks>
public abstract class SimulatedI2cChip
{
    /// <summary>Held around every transfer; take it when changing state the transfers read.</summary>
    protected internal Lock Gate { get; } = new();

    /// <summary>Faults to inject on the next transfers; off unless turned on.</summary>
    public I2cFaultInjection Faults { get; } = new();

    /// <summary>The master wrote <paramref name="data"/> in one transfer (START, address+W, data, STOP).</summary>
    protected internal abstract void OnWrite(ReadOnlySpan<byte> data);

    /// <summary>The master reads <paramref name="buffer"/>.Length bytes in one transfer (START, address+R, data, STOP).</summary>
    protected internal abstract void OnRead(Span<byte> buffer);

    /// <summary>Throws the exception a Linux I2C adapter reports when the chip does not acknowledge.</summary>
    protected static IOException Nack(string why) => new($"The I2C device did not acknowledge: {why}.");
}
