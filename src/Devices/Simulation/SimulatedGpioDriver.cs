using System.Device.Gpio;

namespace EdgeAi.Devices.Simulation;

/// <summary>
/// A <see cref="GpioDriver"/> whose pins live in memory, used through a real <see cref="GpioController"/>
/// so the production device code runs unchanged against a simulated board.
/// </summary>
/// <remarks>
/// The driver keeps two levels per pin: the level the board drives on an output, and the level the outside
/// world drives on an input (<see cref="SetInputLevel"/>). Reading an output returns its driven level, as on a
/// real GPIO line. Edge callbacks fire synchronously on the thread that changed the level. All members are
/// thread-safe.
/// </remarks>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly SimulatedPin[] _pins;

    /// <summary>Creates a board with <paramref name="pinCount"/> pins numbered from 0.</summary>
    /// <param name="pinCount">Number of GPIO lines; a Raspberry Pi header exposes 28 (GPIO0..GPIO27).</param>
    public SimulatedGpioDriver(int pinCount = 28)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        _pins = new SimulatedPin[pinCount];
        for (var i = 0; i < pinCount; i++)
        {
            _pins[i] = new SimulatedPin();
        }
    }

    /// <summary>Raised after an output pin's driven level changes (pin number, new level).</summary>
    public event Action<int, PinValue>? OutputChanged;

    /// <inheritdoc />
    protected override int PinCount => _pins.Length;

    /// <summary>Whether the pin is currently open through a controller.</summary>
    public bool IsOpen(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).IsOpen;
        }
    }

    /// <summary>The level the pin shows now: the driven level of an output, the world's level of an input.</summary>
    public PinValue PeekLevel(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Level;
        }
    }

    /// <summary>The mode the pin was last set to (inputs after reset).</summary>
    public PinMode PeekMode(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Mode;
        }
    }

    /// <summary>
    /// Drives the level an input pin sees from the outside world (a contact closing, a PIR output rising).
    /// Raises the registered edge callbacks when the level changes.
    /// </summary>
    public void SetInputLevel(int pinNumber, PinValue level) => SetExternalLevel(pinNumber, level);

    /// <summary>
    /// Stops the outside world driving the pin (a contact opens to nothing, a wire is cut): an input then reads the level
    /// of its pull resistor. Raises the registered edge callbacks when the level changes.
    /// </summary>
    public void ReleaseInput(int pinNumber) => SetExternalLevel(pinNumber, null);

    /// <summary>
    /// Puts an output line back at the level it held before the simulated process stopped (a relay board keeps its coil
    /// energised across a restart of the program), without raising <see cref="OutputChanged"/>. The line becomes an
    /// output; a driver that opens it later adopts this level.
    /// </summary>
    public void RestoreOutputLevel(int pinNumber, PinValue level)
    {
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            pin.Mode = PinMode.Output;
            pin.DrivenLevel = level;
        }
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).IsOpen = true;
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            pin.IsOpen = false;
            pin.ClearHandlers();
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"Pin {pinNumber} does not support mode {mode}.");
        }

        lock (_gate)
        {
            Pin(pinNumber).Mode = mode;
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Mode;
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
    {
        _ = Pin(pinNumber);
        return mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;
    }

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Level;
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        bool changed;
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            if (pin.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"Pin {pinNumber} is not an output (mode {pin.Mode}).");
            }

            changed = pin.DrivenLevel != value;
            pin.DrivenLevel = value;
        }

        if (changed)
        {
            OutputChanged?.Invoke(pinNumber, value);
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        TaskCompletionSource<PinEventTypes> waiter;
        lock (_gate)
        {
            waiter = Pin(pinNumber).AddWaiter(eventTypes);
        }

        try
        {
            var edge = waiter.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
            return new WaitForEventResult { EventTypes = edge, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            lock (_gate)
            {
                Pin(pinNumber).RemoveWaiter(waiter);
            }
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).AddHandler(eventTypes, callback);
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).RemoveHandler(callback);
        }
    }

    private void SetExternalLevel(int pinNumber, PinValue? level)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            var before = pin.Level;
            pin.ExternalLevel = level;
            if (pin.Mode == PinMode.Output || before == pin.Level)
            {
                return;
            }

            edge = pin.Level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = pin.HandlersFor(edge);
            pin.SignalWaiters(edge);
        }

        foreach (var handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(edge, pinNumber));
        }
    }

    private SimulatedPin Pin(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)_pins.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"The simulated board has pins 0..{_pins.Length - 1}.");
        }

        return _pins[pinNumber];
    }
}
