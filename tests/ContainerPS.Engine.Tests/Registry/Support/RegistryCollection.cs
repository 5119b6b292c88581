namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>The registry tests share one <see cref="RegistryFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "Registry";
}
