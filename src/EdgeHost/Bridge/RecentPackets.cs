namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// Remembers the packet identifiers of the last commands executed on the current connection, so a QoS 1
/// redelivery (DUP flag set, same packet identifier) acts once. Cleared on every new connection, where
/// packet identifiers start over.
/// </summary>
internal sealed class RecentPackets(int capacity = 256)
{
    private readonly Queue<ushort> _order = new();
    private readonly HashSet<ushort> _seen = [];
    private readonly Lock _gate = new();

    /// <summary>Records <paramref name="packetId"/>; false when a redelivery of it was already executed.</summary>
    public bool TryRecord(ushort packetId, bool duplicate)
    {
        lock (_gate)
        {
            if (duplicate && _seen.Contains(packetId))
            {
                return false;
            }

            if (_seen.Add(packetId))
            {
                _order.Enqueue(packetId);
                if (_order.Count > capacity)
                {
                    _seen.Remove(_order.Dequeue());
                }
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _order.Clear();
            _seen.Clear();
        }
    }
}
