namespace EdgeAi.Devices.Locks;

/// <summary>Where a bolt is told to go.</summary>
public enum BoltPosition
{
    /// <summary>Retracted: the door can open.</summary>
    Retracted,

    /// <summary>Thrown: the door is locked.</summary>
    Thrown,
}
