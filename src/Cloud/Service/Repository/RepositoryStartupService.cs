namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// Loads the repository after Kestrel starts listening, so <c>/v2/health/live</c> answers at once and
/// <c>/v2/health/ready</c> turns 200 when every model has been tried.
/// </summary>
internal sealed class RepositoryStartupService : BackgroundService
{
    private readonly ModelRepository _repository;

    /// <summary>Creates the service.</summary>
    public RepositoryStartupService(ModelRepository repository)
    {
        _repository = repository;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _repository.LoadAllAsync(stoppingToken);
}
