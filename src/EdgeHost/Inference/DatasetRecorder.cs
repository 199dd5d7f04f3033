using System.Globalization;
using System.Text;
using EdgeAi.Devices.Simulation.World;
using EdgeAi.EdgeHost.Board;
using Microsoft.Extensions.Hosting;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// <c>edgeai simulate --record FILE</c> on the built-in demo house: writes the exact input windows the node would
/// feed its model (<see cref="InferenceOptions.Features"/>, <see cref="InferenceOptions.Window"/>,
/// <see cref="InferenceOptions.Interval"/>, feature-major, oldest first) with the world's ground truth as the label
/// (1 when an occupant is in the living room, else 0), one CSV line per sample once the window is full: the
/// training and calibration data format of <c>edgeai model train</c> and <c>edgeai model quantize</c>.
/// </summary>
internal sealed class DatasetRecorder(InferenceOptions options, NodeDevices devices, HouseWorld world, string path, TimeProvider time) : BackgroundService
{
    private readonly Queue<double[]> _samples = new();

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var missing = options.Features.Where(f => !devices.Features.ContainsKey(f)).ToList();
        if (options.Features.Count == 0 || missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"--record needs {InferenceOptions.SectionName}:Features naming readings of this node (unknown: {string.Join(", ", missing)}; known: {string.Join(", ", devices.Features.Keys.Order(StringComparer.Ordinal))}).");
        }

        var readers = options.Features.Select(f => devices.Features[f]).ToArray();
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await using var _ = writer.ConfigureAwait(false);
        await writer.WriteLineAsync(Header()).ConfigureAwait(false);
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!devices.Started)
                {
                    continue;
                }

                var sample = readers.Select(r => r()).ToArray();
                if (sample.Any(v => v is null))
                {
                    _samples.Clear();
                    continue;
                }

                _samples.Enqueue([.. sample.Select(v => v!.Value)]);
                if (_samples.Count > options.Window)
                {
                    _samples.Dequeue();
                }

                if (_samples.Count == options.Window)
                {
                    await writer.WriteLineAsync(Row(world.Occupants.Contains(OccupantPlace.Living) ? 1 : 0)).ConfigureAwait(false);
                    Rows++;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private string Header()
    {
        var columns = new List<string>();
        foreach (var feature in options.Features)
        {
            for (int t = options.Window - 1; t >= 0; t--)
            {
                columns.Add($"{feature}@-{t}");
            }
        }

        columns.Add("label");
        return string.Join(',', columns);
    }

    private string Row(int label)
    {
        var line = new StringBuilder();
        var window = _samples.ToArray();
        for (int f = 0; f < options.Features.Count; f++)
        {
            foreach (var sample in window)
            {
                line.Append(sample[f].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }
        }

        return line.Append(label.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
