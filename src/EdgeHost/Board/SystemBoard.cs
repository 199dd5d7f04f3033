using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using System.Device.Pwm;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// A real board through the Linux character devices: <c>/dev/gpiochipN</c> (libgpiod), <c>/dev/i2c-N</c> and
/// <c>/sys/class/pwm</c>. Nothing is opened until a device asks for it.
/// </summary>
public sealed class SystemBoard : IBoard
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens the GPIO chip of <paramref name="map"/>.</summary>
    public SystemBoard(BoardMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Model = map.Description;
        Gpio = new GpioController(new LibGpiodDriver(map.GpioChip));
    }

    /// <inheritdoc />
    public string Model { get; }

    /// <inheritdoc />
    public GpioController Gpio { get; }

    /// <inheritdoc />
    public I2cDevice OpenI2c(int bus, int address) => Track(I2cDevice.Create(new I2cConnectionSettings(bus, address)));

    /// <inheritdoc />
    public PwmChannel OpenPwm(int chip, int channel, int frequency) => Track(PwmChannel.Create(chip, channel, frequency, 0.0));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_opened))
        {
            item.Dispose();
        }

        Gpio.Dispose();
    }

    private T Track<T>(T item)
        where T : IDisposable
    {
        _opened.Add(item);
        return item;
    }
}
