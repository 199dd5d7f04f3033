namespace EdgeAi.Devices.Simulation.World;

/// <summary>The house state file exists but cannot be used (corrupt, truncated, another version): it is never replaced silently.</summary>
public sealed class HouseStateFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HouseStateFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HouseStateFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public HouseStateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file at fault.</summary>
    public string? FilePath { get; init; }
}
