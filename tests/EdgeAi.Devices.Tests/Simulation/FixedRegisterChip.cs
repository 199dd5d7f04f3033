using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Tests;

/// <summary>A chip with one readable register, standing in for the wrong part at an address.</summary>
internal sealed class FixedRegisterChip(byte register, byte value) : SimulatedI2cChip
{
    private readonly byte[] _registers = CreateRegisters(register, value);
    private byte _pointer;

    protected internal override void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0)
        {
            _pointer = data[0];
        }
    }

    protected internal override void OnRead(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer++];
        }
    }

    private static byte[] CreateRegisters(byte register, byte value)
    {
        var registers = new byte[256];
        registers[register] = value;
        return registers;
    }
}
