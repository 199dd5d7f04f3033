using System.Globalization;

namespace EdgeAi.Models.KernelCheck;

/// <summary>Runs named checks, prints one PASS/FAIL line each and the final "N passed, N failed" line.</summary>
internal sealed class CheckRunner
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Run(string name, Action check)
    {
        var started = DateTime.UtcNow;
        try
        {
            check();
            Passed++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PASS {name} ({(DateTime.UtcNow - started).TotalSeconds:F1} s)"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed++;
            Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
        }
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    public void PrintSummary() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Passed} passed, {Failed} failed"));
}
