namespace EdgeAi.Devices.Simulation.World;

/// <summary>Moist-air relations used to turn water vapour into relative humidity.</summary>
internal static class Psychrometrics
{
    /// <summary>
    /// Saturation vapour density, kg/m³, from the Magnus formula for saturation pressure over water
    /// (e_s = 611.2·exp(17.62·t/(243.12 + t)) Pa, WMO Guide No. 8, Annex 4.B) and the ideal gas law for vapour
    /// (ρ = e/(R_v·T), R_v = 461.5 J/(kg·K)).
    /// </summary>
    public static double SaturationVapourDensity(double celsius)
    {
        var pressure = 611.2 * Math.Exp(17.62 * celsius / (243.12 + celsius));
        return pressure / (461.5 * (celsius + 273.15));
    }

    /// <summary>Relative humidity, %, of air holding <paramref name="vapourDensity"/> kg/m³ at <paramref name="celsius"/>.</summary>
    public static double RelativeHumidity(double vapourDensity, double celsius) =>
        Math.Clamp(100.0 * vapourDensity / SaturationVapourDensity(celsius), 0.0, 100.0);
}
