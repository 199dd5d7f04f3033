using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// The hardware a node drives: GPIO lines, I2C devices and PWM channels, as System.Device.Gpio's own seams.
/// <see cref="SystemBoard"/> is a real board; <see cref="SimulatedBoard"/> the simulator. The board owns what it
/// hands out and releases it on dispose.
/// </summary>
public interface IBoard : IDisposable
{
    /// <summary>Describes the board for the Home Assistant device block.</summary>
    string Model { get; }

    /// <summary>The GPIO controller.</summary>
    GpioController Gpio { get; }

    /// <summary>Opens the I2C device at <paramref name="address"/> on bus <paramref name="bus"/>.</summary>
    I2cDevice OpenI2c(int bus, int address);

    /// <summary>Opens a hardware PWM channel at <paramref name="frequency"/> Hz, duty cycle 0.</summary>
    PwmChannel OpenPwm(int chip, int channel, int frequency);
}
