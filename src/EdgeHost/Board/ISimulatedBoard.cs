using EdgeAi.Devices.Simulation;

namespace EdgeAi.EdgeHost.Board;

/// <summary>A board whose GPIO lines are simulated, so tests and scenarios can read and drive them.</summary>
public interface ISimulatedBoard : IBoard
{
    /// <summary>The simulated GPIO driver behind <see cref="IBoard.Gpio"/>.</summary>
    SimulatedGpioDriver Driver { get; }
}
