namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The fixed wiring of the built-in demo house (Raspberry Pi BCM GPIO numbers); the host's demo manifest uses exactly
/// these.
/// </summary>
public static class DemoHouseWiring
{
    /// <summary>Number of GPIO lines on the simulated header (GPIO0..GPIO27).</summary>
    public const int PinCount = 28;

    /// <summary><c>porch_light</c>: on/off light relay (output, high = on).</summary>
    public const int PorchLightRelayPin = 17;

    /// <summary><c>living_light</c>: dimmable light on PWM chip 0 channel 0 (GPIO18).</summary>
    public const int LivingLightPwmChannel = 0;

    /// <summary><c>front_door</c>: bolt relay (output, energised = thrown).</summary>
    public const int BoltRelayPin = 23;

    /// <summary><c>front_door</c>: bolt position switch (input with pull-up, low = bolt thrown).</summary>
    public const int BoltSwitchPin = 24;

    /// <summary><c>front_door</c>: door contact (input with pull-up, low = door closed).</summary>
    public const int DoorContactPin = 25;

    /// <summary><c>living_window</c>: window contact (input with pull-up, low = closed).</summary>
    public const int WindowContactPin = 16;

    /// <summary><c>hall_motion</c>: PIR output (input, high = motion).</summary>
    public const int HallMotionPin = 6;

    /// <summary>Heating: heater relay for the living room (output, high = heating).</summary>
    public const int HeaterRelayPin = 5;

    /// <summary>The I2C bus of the header.</summary>
    public const int I2cBusId = 1;

    /// <summary>BME280 in the living room (SDO to ground).</summary>
    public const int Bme280Address = 0x76;

    /// <summary>SCD4x in the living room.</summary>
    public const int Scd4xAddress = 0x62;

    /// <summary>BH1750 in the living room (ADDR low).</summary>
    public const int Bh1750Address = 0x23;

    /// <summary>The PWM chip both dimmable channels are on.</summary>
    public const int PwmChip = 0;

    /// <summary><c>streetlight</c>: dimmable on PWM chip 0 channel 1 (GPIO19).</summary>
    public const int StreetlightPwmChannel = 1;

    /// <summary><c>streetlight</c>: street PIR output (input, high = motion).</summary>
    public const int StreetMotionPin = 26;
}
