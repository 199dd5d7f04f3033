using System.Device.Gpio;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Contracts;

public sealed class SimulatedSwitchedOutputContractTests : SwitchedOutputContractTests
{
    private readonly SimulatedGpioDriver _driver = new();

    public SimulatedSwitchedOutputContractTests() => Controller = new GpioController(_driver);

    protected override GpioController Controller { get; }

    protected override int OutputPin => 17;

    public override void Dispose()
    {
        Controller.Dispose();
        base.Dispose();
    }

    protected override PinValue Observe() => _driver.PeekLevel(OutputPin);
}
