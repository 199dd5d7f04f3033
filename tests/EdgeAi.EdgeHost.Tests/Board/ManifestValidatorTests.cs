using EdgeAi.EdgeHost.Board;

namespace EdgeAi.EdgeHost.Tests.Board;

public sealed class ManifestValidatorTests
{
    [Fact]
    public void Validate_ValidManifest_ResolvesEveryPin()
    {
        var manifest = Manifest("raspberry-pi-4",
            Device("light", "porch", pin: 17),
            Device("motion", "hall", header: 31),
            new DeviceOptions { Kind = "lock", Id = "front", Name = "Front", Pins = { ["bolt"] = 23, ["bolt_switch"] = 24, ["door"] = 25 } });

        var (failures, devices) = ManifestValidator.Validate(manifest);

        Assert.Empty(failures);
        Assert.Equal(6, devices[1].Line(ResolvedDevice.PrimaryRole)); // header pin 31 is GPIO6 on a Pi 4
        Assert.Equal(24, devices[2].Line("bolt_switch"));
    }

    [Fact]
    public void Validate_PinUsedTwice_NamesBothDevicesAndThePin()
    {
        var (failures, devices) = ManifestValidator.Validate(Manifest("raspberry-pi-4", Device("light", "porch", header: 11), Device("motion", "hall", pin: 17)));

        var failure = Assert.Single(failures);
        Assert.Contains("GPIO17 (header pin 11)", failure, StringComparison.Ordinal);
        Assert.Contains("'porch'", failure, StringComparison.Ordinal);
        Assert.Contains("'hall'", failure, StringComparison.Ordinal);
        Assert.Empty(devices);
    }

    [Fact]
    public void Validate_I2cPinUsedAsGpio_WhileBusInUse_IsRejected()
    {
        var sensor = new DeviceOptions { Kind = "bme280", Id = "air", Name = "Air", Address = 0x76 };

        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", sensor, Device("contact", "door", pin: 3, cls: "door")));

        Assert.Contains(failures, f => f.Contains("I2C bus 1 SCL", StringComparison.Ordinal) && f.Contains("'door'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PwmOnAPinThatCannot_IsRejected()
    {
        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", Device("dimmable_light", "lamp", pin: 5)));

        Assert.Contains(failures, f => f.Contains("cannot do hardware PWM", StringComparison.Ordinal) && f.Contains("GPIO5", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PwmChannelThatDoesNotDriveThePin_IsRejected()
    {
        var lamp = Device("dimmable_light", "lamp", pin: 18);
        lamp.PwmChip = 0;
        lamp.PwmChannel = 1;

        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", lamp));

        Assert.Contains(failures, f => f.Contains("channel 1 does not drive GPIO18", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PwmPin_ResolvesItsChannel()
    {
        var (failures, devices) = ManifestValidator.Validate(Manifest("raspberry-pi-4", Device("dimmable_light", "lamp", header: 35)));

        Assert.Empty(failures);
        Assert.Equal((0, 1), (devices[0].Pwm!.Chip, devices[0].Pwm!.Channel));
    }

    [Fact]
    public void Validate_HeaderPinThatIsGround_IsRejected()
    {
        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", Device("light", "porch", header: 6)));

        Assert.Contains(failures, f => f.Contains("Devices:0:Header", StringComparison.Ordinal) && f.Contains("power or ground", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OutputOnInputOnlyLine_IsRejected()
    {
        var (failures, _) = ManifestValidator.Validate(Manifest("jetson-orin-nano", Device("light", "porch", header: 36)));

        Assert.Contains(failures, f => f.Contains("input-only", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_JetsonHeaderPin_ResolvesToTegraLine()
    {
        var (failures, devices) = ManifestValidator.Validate(Manifest("jetson-orin-nano", Device("light", "porch", header: 7)));

        Assert.Empty(failures);
        Assert.Equal(144, devices[0].Line(ResolvedDevice.PrimaryRole));
    }

    [Fact]
    public void Validate_SameI2cAddressTwice_IsRejected()
    {
        var a = new DeviceOptions { Kind = "bme280", Id = "a", Name = "A", Address = 0x76 };
        var b = new DeviceOptions { Kind = "sht3x", Id = "b", Name = "B", Address = 0x76 };

        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-5", a, b));

        Assert.Contains(failures, f => f.Contains("0x76 on bus 1 is used by both", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThermostatWithoutTemperatureSensor_NamesTheKey()
    {
        var thermostat = new DeviceOptions { Kind = "thermostat", Id = "t", Name = "T", Sensor = "nope", Pins = { ["heater"] = 5 } };

        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", thermostat));

        Assert.Contains(failures, f => f.StartsWith("Devices:0:Sensor", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LockMissingAPin_NamesTheRole()
    {
        var door = new DeviceOptions { Kind = "lock", Id = "front", Name = "Front", Pins = { ["bolt"] = 23, ["door"] = 25 } };

        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", door));

        Assert.Contains("Devices:0:Pins:bolt_switch must be set for a lock.", failures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("raspberry-pi-3")]
    public void Validate_UnknownBoard_ListsKnownBoards(string board)
    {
        var (failures, _) = ManifestValidator.Validate(Manifest(board));

        Assert.Contains(failures, f => f.Contains("raspberry-pi-4", StringComparison.Ordinal) && f.Contains("jetson-orin-nano", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownKindAndBadId_NameTheKeys()
    {
        var (failures, _) = ManifestValidator.Validate(Manifest("raspberry-pi-4", new DeviceOptions { Kind = "toaster", Id = "t", Name = "T" }, Device("light", "Bad Id", pin: 4)));

        Assert.Contains(failures, f => f.StartsWith("Devices:0:Kind", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Devices:1:Id", StringComparison.Ordinal));
    }

    private static DeviceManifest Manifest(string board, params DeviceOptions[] devices)
    {
        var manifest = new DeviceManifest { Board = board };
        manifest.Devices.AddRange(devices);
        return manifest;
    }

    private static DeviceOptions Device(string kind, string id, int? pin = null, int? header = null, string? cls = null) =>
        new() { Kind = kind, Id = id, Name = id, Pin = pin, Header = header, Class = cls };
}
