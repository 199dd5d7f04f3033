using System.Device.Gpio;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Simulation;

/// <summary>The simulated board used through a real <see cref="GpioController"/>, as production code uses it.</summary>
public sealed class SimulatedGpioDriverTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new(pinCount: 28);
    private readonly GpioController _controller;

    public SimulatedGpioDriverTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Write_OutputPin_ReadsBackDrivenLevel()
    {
        _controller.OpenPin(17, PinMode.Output, PinValue.Low);

        _controller.Write(17, PinValue.High);

        Assert.Equal(PinValue.High, _controller.Read(17));
        Assert.Equal(PinValue.High, _driver.PeekLevel(17));
    }

    [Fact]
    public void OpenPin_WithInitialValue_DrivesItAndReportsMode()
    {
        _controller.OpenPin(5, PinMode.Output, PinValue.High);

        Assert.True(_driver.IsOpen(5));
        Assert.Equal(PinMode.Output, _controller.GetPinMode(5));
        Assert.Equal(PinValue.High, _driver.PeekLevel(5));
    }

    [Fact]
    public void Write_InputPin_DoesNotDriveTheLine()
    {
        _controller.OpenPin(4, PinMode.Input);

        try
        {
            _controller.Write(4, PinValue.High);
        }
        catch (InvalidOperationException)
        {
            // Either refusing the write or ignoring it is acceptable; driving the line is not.
        }

        Assert.Equal(PinMode.Input, _driver.PeekMode(4));
        Assert.Equal(PinValue.Low, _controller.Read(4));
    }

    [Fact]
    public void Read_InputPin_SeesWorldLevel()
    {
        _controller.OpenPin(22, PinMode.InputPullUp);

        _driver.SetInputLevel(22, PinValue.High);
        var high = _controller.Read(22);
        _driver.SetInputLevel(22, PinValue.Low);
        var low = _controller.Read(22);

        Assert.Equal(PinValue.High, high);
        Assert.Equal(PinValue.Low, low);
    }

    [Fact]
    public void SetInputLevel_RegisteredCallback_ReceivesRisingAndFallingEdges()
    {
        _controller.OpenPin(23, PinMode.Input);
        var edges = new List<PinEventTypes>();
        _controller.RegisterCallbackForPinValueChangedEvent(23, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        _driver.SetInputLevel(23, PinValue.High);
        _driver.SetInputLevel(23, PinValue.High); // no edge: level unchanged
        _driver.SetInputLevel(23, PinValue.Low);

        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], edges);
    }

    [Fact]
    public void SetInputLevel_CallbackForRisingOnly_IgnoresFalling()
    {
        _controller.OpenPin(24, PinMode.Input);
        var edges = new List<PinEventTypes>();
        _controller.RegisterCallbackForPinValueChangedEvent(24, PinEventTypes.Rising, (_, e) => edges.Add(e.ChangeType));

        _driver.SetInputLevel(24, PinValue.High);
        _driver.SetInputLevel(24, PinValue.Low);

        Assert.Equal([PinEventTypes.Rising], edges);
    }

    [Fact]
    public void UnregisterCallback_StopsDelivery()
    {
        _controller.OpenPin(25, PinMode.Input);
        var count = 0;
        PinChangeEventHandler handler = (_, _) => count++;
        _controller.RegisterCallbackForPinValueChangedEvent(25, PinEventTypes.Rising, handler);
        _driver.SetInputLevel(25, PinValue.High);

        _controller.UnregisterCallbackForPinValueChangedEvent(25, handler);
        _driver.SetInputLevel(25, PinValue.Low);
        _driver.SetInputLevel(25, PinValue.High);

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task WaitForEvent_EdgeFromAnotherThread_ReturnsThatEdge()
    {
        _controller.OpenPin(26, PinMode.Input);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var wait = Task.Run(() => _controller.WaitForEvent(26, PinEventTypes.Rising, cts.Token));

        // The waiter registers asynchronously: keep raising edges until it has seen one (bounded by cts).
        while (!wait.IsCompleted && !cts.IsCancellationRequested)
        {
            _driver.SetInputLevel(26, PinValue.High);
            _driver.SetInputLevel(26, PinValue.Low);
            await Task.Yield();
        }

        var result = await wait;
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);
    }

    [Fact]
    public void WaitForEvent_Cancelled_ReportsTimedOut()
    {
        _controller.OpenPin(27, PinMode.Input);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var result = _controller.WaitForEvent(27, PinEventTypes.Rising, cts.Token);

        Assert.True(result.TimedOut);
    }

    [Fact]
    public void Read_UndrivenInputWithPullUp_ReadsHigh()
    {
        _controller.OpenPin(21, PinMode.InputPullUp);

        Assert.Equal(PinValue.High, _controller.Read(21));
    }

    [Fact]
    public void ReleaseInput_PullUpLineHeldLow_RisesWithEdge()
    {
        _controller.OpenPin(20, PinMode.InputPullUp);
        _driver.SetInputLevel(20, PinValue.Low);
        var edges = new List<PinEventTypes>();
        _controller.RegisterCallbackForPinValueChangedEvent(20, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        _driver.ReleaseInput(20);

        Assert.Equal([PinEventTypes.Rising], edges);
        Assert.Equal(PinValue.High, _controller.Read(20));
    }

    [Fact]
    public void OpenPin_OutOfRange_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => _controller.OpenPin(28, PinMode.Output));
    }

    [Fact]
    public void OutputChanged_RaisedOnlyOnChange()
    {
        _controller.OpenPin(6, PinMode.Output, PinValue.Low);
        var changes = new List<(int Pin, PinValue Level)>();
        _driver.OutputChanged += (pin, level) => changes.Add((pin, level));

        _controller.Write(6, PinValue.High);
        _controller.Write(6, PinValue.High);
        _controller.Write(6, PinValue.Low);

        Assert.Equal([(6, PinValue.High), (6, PinValue.Low)], changes);
    }

    [Fact]
    public void Dispose_Controller_ClosesPins()
    {
        _controller.OpenPin(7, PinMode.Output);

        _controller.Dispose();

        Assert.False(_driver.IsOpen(7));
    }
}
