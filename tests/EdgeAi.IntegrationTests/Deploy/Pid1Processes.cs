namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// Tests that time a real process's notify messages run one at a time, so that they do not compete with each
/// other for the CPU and blur the cadence they measure.
/// </summary>
[CollectionDefinition(nameof(Pid1Processes), DisableParallelization = true)]
public sealed class Pid1Processes;
