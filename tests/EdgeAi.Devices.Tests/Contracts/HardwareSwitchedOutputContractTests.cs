using System.Device.Gpio;

namespace EdgeAi.Devices.Tests.Contracts;

/// <summary>
/// The switched-output contract on a real Raspberry Pi: GPIO17 (header pin 11) wired to GPIO27 (header pin 13)
/// through a 1 kΩ resistor, GPIO27 read as an input. Run on a board with
/// <c>dotnet test tests/EdgeAi.Devices.Tests --filter Category=Hardware</c>; <c>scripts/test.sh</c> excludes this category
/// because CI has no GPIO chip.
/// </summary>
[Trait("Category", "Hardware")]
public sealed class HardwareSwitchedOutputContractTests : SwitchedOutputContractTests
{
    private const int LoopbackInput = 27;

    public HardwareSwitchedOutputContractTests()
    {
        Controller = new GpioController();
        Controller.OpenPin(LoopbackInput, PinMode.Input);
    }

    protected override GpioController Controller { get; }

    protected override int OutputPin => 17;

    public override void Dispose()
    {
        Controller.Dispose();
        base.Dispose();
    }

    protected override PinValue Observe() => Controller.Read(LoopbackInput);
}
