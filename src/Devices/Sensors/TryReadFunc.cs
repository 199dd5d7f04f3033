namespace EdgeAi.Devices.Sensors;

/// <summary>A driver's single-attempt read, as <c>Bme280.TryRead</c> or <c>Sht3x.TryRead</c>.</summary>
/// <typeparam name="T">The measurement type.</typeparam>
public delegate bool TryReadFunc<T>(out T value);
