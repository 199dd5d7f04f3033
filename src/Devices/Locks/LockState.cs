namespace EdgeAi.Devices.Locks;

/// <summary>Lock states, named as Home Assistant's MQTT lock states.</summary>
public enum LockState
{
    /// <summary>The bolt switch confirms the bolt is thrown.</summary>
    Locked,

    /// <summary>The bolt switch says the bolt is not thrown.</summary>
    Unlocked,

    /// <summary>A lock command is moving the bolt.</summary>
    Locking,

    /// <summary>An unlock command is moving the bolt.</summary>
    Unlocking,

    /// <summary>The bolt did not confirm the commanded position within the confirmation time.</summary>
    Jammed,
}
