using System.Text.Json.Serialization;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>Source-generated JSON metadata for <see cref="HouseState"/>.</summary>
[JsonSerializable(typeof(HouseState))]
internal sealed partial class HouseStateJson : JsonSerializerContext;
