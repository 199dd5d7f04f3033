using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Sensirion;
using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Tests.Contracts;

public sealed class Sht3xTemperatureContractTests : TemperatureSensorContractTests
{
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedSht3x _chip;
    private readonly Sht3x _sensor;

    public Sht3xTemperatureContractTests()
    {
        _chip = new SimulatedSht3x(Time);
        _bus.Attach(Sht3x.DefaultAddress, _chip);
        _sensor = new Sht3x(_bus.CreateDevice(Sht3x.DefaultAddress), Time);
        _sensor.StartPeriodic(Sht3xPeriodicRate.TwoPerSecond);
    }

    protected override ITemperatureSensor Sensor => _sensor;

    protected override SensorReadStatistics Statistics => _sensor.Statistics;

    public override void Dispose()
    {
        _bus.Dispose();
        base.Dispose();
    }

    protected override void SetTrueTemperature(double celsius) => _chip.Temperature = celsius;

    protected override void InjectNack() => _chip.Faults.NackNextTransfers(1);

    protected override void WaitForNextSample() => Time.Advance(TimeSpan.FromMilliseconds(500));
}
