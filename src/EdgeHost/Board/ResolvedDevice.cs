namespace EdgeAi.EdgeHost.Board;

/// <summary>A manifest device with its pins resolved to GPIO lines of the board.</summary>
/// <param name="Options">The manifest entry.</param>
/// <param name="Index">Its position in <c>Devices</c>, for messages.</param>
/// <param name="Lines">GPIO line by role; the device's single pin has the role <see cref="PrimaryRole"/>.</param>
/// <param name="Pwm">The hardware PWM channel, for PWM devices.</param>
public sealed record ResolvedDevice(DeviceOptions Options, int Index, IReadOnlyDictionary<string, int> Lines, PwmPins? Pwm)
{
    /// <summary>Role name of <see cref="DeviceOptions.Pin"/>/<see cref="DeviceOptions.Header"/>.</summary>
    public const string PrimaryRole = "pin";

    /// <summary>The line of <paramref name="role"/>, or null when not wired.</summary>
    public int? Line(string role) => Lines.TryGetValue(role, out var line) ? line : null;
}
