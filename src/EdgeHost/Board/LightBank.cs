using System.Device.Gpio;
using EdgeAi.Devices.Lights;
using EdgeAi.EdgeHost.Bridge;
using Microsoft.Extensions.Options;

namespace EdgeAi.EdgeHost.Board;

/// <summary>Owns the manifest's lights: opens them (driving off) and puts them back to off on dispose.</summary>
internal sealed class LightBank : IDisposable
{
    private readonly List<OnOffLight> _lights = [];

    public LightBank(GpioController controller, IOptions<DevicesOptions> options)
    {
        try
        {
            foreach (var light in options.Value.Lights)
            {
                var device = new OnOffLight(controller, light.Pin, light.ActiveLow);
                _lights.Add(device);
                Entities.Add(new LightEntity(light.Id, light.Name, device));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One bridge entity per light, in manifest order.</summary>
    public List<IBridgeEntity> Entities { get; } = [];

    public void Dispose()
    {
        foreach (var light in _lights)
        {
            light.Dispose();
        }

        _lights.Clear();
    }
}
