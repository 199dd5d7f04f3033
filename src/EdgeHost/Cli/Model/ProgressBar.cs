namespace EdgeAi.EdgeHost.Cli.Model;

/// <summary>A one-line text progress bar on stderr (redrawn with a carriage return), for calibration and training.</summary>
internal sealed class ProgressBar(TextWriter writer, string label) : IProgress<double>
{
    private const int Width = 30;
    private int _shown = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(Math.Round(value * 100), 0, 100);
        if (percent == _shown)
        {
            return;
        }

        _shown = percent;
        var filled = percent * Width / 100;
        writer.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
        if (percent == 100)
        {
            writer.WriteLine();
        }
    }
}
