using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Tests.Contracts;

public sealed class Bme280TemperatureContractTests : TemperatureSensorContractTests
{
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedBme280 _chip;
    private readonly Bme280 _sensor;

    public Bme280TemperatureContractTests()
    {
        _chip = new SimulatedBme280(Time);
        _bus.Attach(Bme280.PrimaryAddress, _chip);
        _sensor = new Bme280(_bus.CreateDevice(Bme280.PrimaryAddress), Time);
        _sensor.SetMode(Bme280Mode.Normal);
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

    protected override void WaitForNextSample() => Time.Advance(_sensor.MaximumMeasurementTime);
}
