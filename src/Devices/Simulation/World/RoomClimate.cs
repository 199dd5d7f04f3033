namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// A well-mixed room as a single thermal node with air exchange: air temperature, CO2 and water vapour.
/// Not thread-safe: <see cref="HouseWorld"/> steps it under its lock.
/// </summary>
/// <remarks>
/// <para>Heat balance (lumped-capacitance model, as in ISO 13790's simple hourly method):
/// C·dT/dt = P_heater + P_sun + n·P_person − (UA + ρc_p·V·λ)·(T − T_out),
/// with C the effective heat capacity of air, furniture and inner wall surfaces, UA the fabric loss coefficient, ρc_p of
/// air ≈ 1200 J/(m³·K), V the volume and λ the air-change rate in 1/s.</para>
/// <para>CO2 balance: dC/dt = n·G/V·10⁶ − λ·(C − C_out) ppm/s, with G ≈ 0.3 L/min = 5·10⁻⁶ m³/s exhaled per resting adult
/// (ASHRAE 62.1 user's manual; about 360 ppm/h per person in a closed 50 m³ room) and C_out = 420 ppm.</para>
/// <para>Water vapour: dρ/dt = n·g/V − λ·(ρ − ρ_out), with g ≈ 50 g/h per person (breathing and skin at rest).</para>
/// <para>Integrated with explicit Euler steps; the step (10 s) is far below the fastest time constant (window open:
/// 1/λ = 10 min), so the scheme is stable and accurate to well under the sensors' resolution.</para>
/// </remarks>
public sealed class RoomClimate
{
    private const double AirVolumetricHeatCapacity = 1200.0;
    private const double Co2PerPersonCubicMetresPerSecond = 0.3e-3 / 60.0;
    private const double VapourPerPersonKilogramsPerSecond = 0.050 / 3600.0;

    /// <summary>Creates a room at the given state.</summary>
    public RoomClimate(double temperatureCelsius, double co2Ppm, double vapourDensity)
    {
        TemperatureCelsius = temperatureCelsius;
        Co2Ppm = co2Ppm;
        VapourDensity = vapourDensity;
    }

    /// <summary>Air volume, m³ (20 m² × 2.5 m).</summary>
    public double VolumeCubicMetres { get; init; } = 50.0;

    /// <summary>Effective heat capacity, J/K (air, furniture and the inner layer of the walls; time constant ≈ 8 h).</summary>
    public double HeatCapacity { get; init; } = 2.5e6;

    /// <summary>Fabric heat-loss coefficient UA, W/K (an older, moderately insulated room).</summary>
    public double HeatLossCoefficient { get; init; } = 80.0;

    /// <summary>Heater output when powered, W (a 2.5 kW panel heater).</summary>
    public double HeaterWatts { get; init; } = 2500.0;

    /// <summary>Solar gain through the window at 10 000 lx daylight, W.</summary>
    public double SolarWattsPer10kLux { get; init; } = 300.0;

    /// <summary>Sensible heat of a resting adult, W (ASHRAE Fundamentals, ch. 18: seated, very light work ≈ 70–75 W; plus appliances).</summary>
    public double PersonWatts { get; init; } = 100.0;

    /// <summary>Background air changes per hour through leaks and trickle vents.</summary>
    public double InfiltrationAirChangesPerHour { get; init; } = 0.5;

    /// <summary>Additional air changes per hour while the window is open (a tilted or half-open casement).</summary>
    public double OpenWindowAirChangesPerHour { get; init; } = 6.0;

    /// <summary>Outdoor CO2, ppm.</summary>
    public double OutdoorCo2Ppm { get; init; } = 420.0;

    /// <summary>Air temperature, °C.</summary>
    public double TemperatureCelsius { get; private set; }

    /// <summary>CO2 concentration, ppm.</summary>
    public double Co2Ppm { get; private set; }

    /// <summary>Water vapour, kg/m³.</summary>
    public double VapourDensity { get; private set; }

    /// <summary>Relative humidity, %.</summary>
    public double RelativeHumidityPercent => Psychrometrics.RelativeHumidity(VapourDensity, TemperatureCelsius);

    /// <summary>Advances the room by <paramref name="step"/>.</summary>
    public void Step(TimeSpan step, in RoomInputs inputs)
    {
        var dt = step.TotalSeconds;
        var airChangesPerSecond = (InfiltrationAirChangesPerHour + (inputs.WindowOpen ? OpenWindowAirChangesPerHour : 0.0)) / 3600.0;
        var lossCoefficient = HeatLossCoefficient + (AirVolumetricHeatCapacity * VolumeCubicMetres * airChangesPerSecond);
        var power = (inputs.HeaterOn ? HeaterWatts : 0.0)
            + (SolarWattsPer10kLux * inputs.DaylightLux / 10_000.0)
            + (inputs.Occupants * PersonWatts)
            - (lossCoefficient * (TemperatureCelsius - inputs.OutdoorCelsius));
        TemperatureCelsius += power / HeatCapacity * dt;

        var co2Source = inputs.Occupants * Co2PerPersonCubicMetresPerSecond / VolumeCubicMetres * 1e6;
        Co2Ppm += (co2Source - (airChangesPerSecond * (Co2Ppm - OutdoorCo2Ppm))) * dt;

        var vapourSource = inputs.Occupants * VapourPerPersonKilogramsPerSecond / VolumeCubicMetres;
        VapourDensity += (vapourSource - (airChangesPerSecond * (VapourDensity - inputs.OutdoorVapourDensity))) * dt;
    }
}
