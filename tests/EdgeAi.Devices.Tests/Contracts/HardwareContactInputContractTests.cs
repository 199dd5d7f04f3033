using System.Device.Gpio;

namespace EdgeAi.Devices.Tests.Contracts;

/// <summary>
/// The contact-input contract on a real Raspberry Pi: GPIO17 (header pin 11, output) wired to GPIO27 (header pin 13,
/// the contact input) through a 1 kΩ resistor. Run on a board with
/// <c>dotnet test tests/EdgeAi.Devices.Tests --filter Category=Hardware</c>; excluded from <c>scripts/test.sh</c>.
/// </summary>
[Trait("Category", "Hardware")]
public sealed class HardwareContactInputContractTests : ContactInputContractTests
{
    private const int Driver = 17;

    public HardwareContactInputContractTests()
    {
        Controller = new GpioController();
        Controller.OpenPin(Driver, PinMode.Output, PinValue.Low);
    }

    protected override GpioController Controller { get; }

    protected override int InputPin => 27;

    protected override TimeProvider Time => TimeProvider.System;

    public override void Dispose()
    {
        Controller.Dispose();
        base.Dispose();
    }

    protected override void SetContact(bool open) => Controller.Write(Driver, open ? PinValue.High : PinValue.Low);

    protected override void Settle()
    {
        // Real time on a real board: the debounce runs on the system clock, so let half a second pass.
        SpinWait.SpinUntil(() => false, TimeSpan.FromMilliseconds(500));
    }
}
