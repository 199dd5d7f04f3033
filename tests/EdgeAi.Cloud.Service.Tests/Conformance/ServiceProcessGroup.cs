namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Test classes in this collection share one <see cref="ServiceFixture"/> process.</summary>
[CollectionDefinition(Name)]
public sealed class ServiceProcessGroup : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service process";
}
