using System.Device.Gpio;

namespace EdgeAi.Devices.Simulation;

/// <summary>State of one simulated GPIO line. Not thread-safe: <see cref="SimulatedGpioDriver"/> holds its lock.</summary>
internal sealed class SimulatedPin
{
    private readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> _handlers = [];
    private readonly List<(PinEventTypes Types, TaskCompletionSource<PinEventTypes> Waiter)> _waiters = [];

    public bool IsOpen { get; set; }

    public PinMode Mode { get; set; } = PinMode.Input;

    public PinValue DrivenLevel { get; set; } = PinValue.Low;

    /// <summary>The level the outside world drives on the line; null while nothing drives it (an open contact, a cut wire).</summary>
    public PinValue? ExternalLevel { get; set; }

    /// <summary>
    /// What a read sees: an output reads back its driven level, an input the world's level, and an undriven input the
    /// level its pull resistor gives (low without a pull, as a floating line is not to be relied on).
    /// </summary>
    public PinValue Level => Mode == PinMode.Output
        ? DrivenLevel
        : ExternalLevel ?? (Mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low);

    public void AddHandler(PinEventTypes types, PinChangeEventHandler handler) => _handlers.Add((types, handler));

    public void RemoveHandler(PinChangeEventHandler handler) => _handlers.RemoveAll(h => h.Handler == handler);

    public void ClearHandlers()
    {
        _handlers.Clear();
        foreach (var (_, waiter) in _waiters)
        {
            waiter.TrySetCanceled();
        }

        _waiters.Clear();
    }

    public PinChangeEventHandler[] HandlersFor(PinEventTypes edge) =>
        _handlers.Where(h => (h.Types & edge) != 0).Select(h => h.Handler).ToArray();

    public TaskCompletionSource<PinEventTypes> AddWaiter(PinEventTypes types)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((types, waiter));
        return waiter;
    }

    public void RemoveWaiter(TaskCompletionSource<PinEventTypes> waiter) => _waiters.RemoveAll(w => w.Waiter == waiter);

    public void SignalWaiters(PinEventTypes edge)
    {
        foreach (var (types, waiter) in _waiters)
        {
            if ((types & edge) != 0)
            {
                waiter.TrySetResult(edge);
            }
        }
    }
}
