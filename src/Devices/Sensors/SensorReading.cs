namespace EdgeAi.Devices.Sensors;

/// <summary>One value read from a sensor, with the time it was read.</summary>
/// <typeparam name="T">A unit-carrying value such as <see cref="Units.Temperature"/>.</typeparam>
/// <param name="Value">The measured value.</param>
/// <param name="Timestamp">When the value was read from the chip, from the driver's <see cref="TimeProvider"/>.</param>
public readonly record struct SensorReading<T>(T Value, DateTimeOffset Timestamp)
    where T : struct;
