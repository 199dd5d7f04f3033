namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>Shares one <see cref="PackageFixture"/> (one publish, when one is needed) between the package tests.</summary>
[CollectionDefinition(nameof(PackageArtifacts))]
public sealed class PackageArtifacts : ICollectionFixture<PackageFixture>;
