using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>The simulated board parts the house world drives and reads.</summary>
/// <param name="Gpio">The GPIO board.</param>
/// <param name="Bme280">Living-room BME280.</param>
/// <param name="Scd4x">Living-room SCD4x.</param>
/// <param name="Bh1750">Living-room BH1750.</param>
/// <param name="LivingLight">The living-room light's PWM channel (its light adds to the lux sensor).</param>
/// <param name="Bolt">The front-door bolt.</param>
internal sealed record HouseParts(
    SimulatedGpioDriver Gpio,
    SimulatedBme280 Bme280,
    SimulatedScd4x Scd4x,
    SimulatedBh1750 Bh1750,
    SimulatedPwmChannel LivingLight,
    SimulatedBolt Bolt);
