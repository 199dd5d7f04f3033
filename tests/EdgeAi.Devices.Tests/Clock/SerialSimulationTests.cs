namespace EdgeAi.Devices.Tests.Clock;

/// <summary>
/// The clock's max speed waits for the thread pool to go quiet; other test classes running in parallel keep it busy, so
/// these tests (and the simulated-day tests) run on their own, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(SerialSimulationTests), DisableParallelization = true)]
public sealed class SerialSimulationTests;
