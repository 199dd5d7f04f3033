namespace EdgeAi.Devices.Lights;

/// <summary>How brightness maps to PWM duty for a <see cref="DimmableLight"/>.</summary>
public sealed record DimmableLightOptions
{
    /// <summary>PWM frequency in Hz (default 1000: above visible flicker, within what LED drivers take).</summary>
    public int Frequency { get; init; } = 1000;

    /// <summary>
    /// Perceptual correction: duty = min + (1 - min) x (brightness / 100)^gamma (default 2.2, so 50 % looks like half
    /// as bright rather than nearly full). 1 gives a linear response.
    /// </summary>
    public double Gamma { get; init; } = 2.2;

    /// <summary>The lowest duty at which the lamp still lights evenly; 1 % brightness maps here (default 0).</summary>
    public double MinDutyCycle { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Frequency <= 0)
        {
            throw new ArgumentException($"Light option {nameof(Frequency)}: {Frequency} Hz is not positive.", nameof(Frequency));
        }

        if (!double.IsFinite(Gamma) || Gamma < 1.0 || Gamma > 4.0)
        {
            throw new ArgumentException($"Light option {nameof(Gamma)}: {Gamma} is not within 1..4.", nameof(Gamma));
        }

        if (!double.IsFinite(MinDutyCycle) || MinDutyCycle < 0.0 || MinDutyCycle >= 0.5)
        {
            throw new ArgumentException($"Light option {nameof(MinDutyCycle)}: {MinDutyCycle} is not within 0..0.5.", nameof(MinDutyCycle));
        }
    }
}
