using System.Device.Gpio;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Contracts;

public sealed class SimulatedContactInputContractTests : ContactInputContractTests
{
    private readonly SimulatedGpioDriver _driver = new();
    private readonly FakeTimeProvider _time = new();

    public SimulatedContactInputContractTests() => Controller = new GpioController(_driver);

    protected override GpioController Controller { get; }

    protected override int InputPin => 25;

    protected override TimeProvider Time => _time;

    public override void Dispose()
    {
        Controller.Dispose();
        base.Dispose();
    }

    protected override void SetContact(bool open) => _driver.SetInputLevel(InputPin, open ? PinValue.High : PinValue.Low);

    protected override void Settle() => _time.Advance(TimeSpan.FromSeconds(1));
}
