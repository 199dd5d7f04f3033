using System.Text.Json.Serialization;

namespace EdgeAi.Devices.Climate;

/// <summary>Source-generated JSON metadata for <see cref="ThermostatSettings"/>.</summary>
[JsonSerializable(typeof(ThermostatSettings))]
internal sealed partial class ThermostatSettingsJson : JsonSerializerContext;
