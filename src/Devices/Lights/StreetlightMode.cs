namespace EdgeAi.Devices.Lights;

/// <summary>Why a streetlight has the brightness it has.</summary>
public enum StreetlightMode
{
    /// <summary>Daytime by the schedule: off.</summary>
    Day,

    /// <summary>Night by the schedule, no recent motion: night level.</summary>
    Night,

    /// <summary>Night with motion now or within the boost duration: boost level.</summary>
    Boost,

    /// <summary>A manual command holds the brightness until the next schedule boundary.</summary>
    Manual,
}
