namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// Faults a simulated chip can be told to produce on its next transfers. Nothing is injected unless a test or a
/// scenario asks for it. Thread-safe.
/// </summary>
public sealed class I2cFaultInjection
{
    private readonly Lock _gate = new();
    private int _pendingNacks;
    private int _pendingCorruptions;
    private int _readsBeforeCorruption;
    private int _corruptByteIndex;
    private byte _corruptMask;

    /// <summary>The next <paramref name="transfers"/> transfers (reads or writes) are not acknowledged.</summary>
    public void NackNextTransfers(int transfers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(transfers);
        lock (_gate)
        {
            _pendingNacks = transfers;
        }
    }

    /// <summary>
    /// The next <paramref name="reads"/> reads (after <paramref name="afterReads"/> clean ones) arrive with byte
    /// <paramref name="byteIndex"/> XORed with <paramref name="xorMask"/>, as a glitch on SDA would do.
    /// </summary>
    public void CorruptNextReads(int reads = 1, int byteIndex = 0, byte xorMask = 0x01, int afterReads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reads);
        ArgumentOutOfRangeException.ThrowIfNegative(afterReads);
        ArgumentOutOfRangeException.ThrowIfNegative(byteIndex);
        ArgumentOutOfRangeException.ThrowIfZero(xorMask);
        lock (_gate)
        {
            _pendingCorruptions = reads;
            _readsBeforeCorruption = afterReads;
            _corruptByteIndex = byteIndex;
            _corruptMask = xorMask;
        }
    }

    /// <summary>Clears every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pendingNacks = 0;
            _pendingCorruptions = 0;
        }
    }

    internal bool TakeNack()
    {
        lock (_gate)
        {
            if (_pendingNacks == 0)
            {
                return false;
            }

            _pendingNacks--;
            return true;
        }
    }

    internal void ApplyToRead(Span<byte> buffer)
    {
        lock (_gate)
        {
            if (_pendingCorruptions == 0)
            {
                return;
            }

            if (_readsBeforeCorruption > 0)
            {
                _readsBeforeCorruption--;
                return;
            }

            _pendingCorruptions--;
            if (_corruptByteIndex < buffer.Length)
            {
                buffer[_corruptByteIndex] ^= _corruptMask;
            }
        }
    }
}
