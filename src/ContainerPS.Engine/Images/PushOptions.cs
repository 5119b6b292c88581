using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Images;

/// <summary>What a push may do: how to reach the registry, and whether every platform of a multi-platform image goes.</summary>
public sealed record PushOptions
{
    /// <summary>
    /// Push the image's whole index (every platform's manifest, then the index under the tag) rather than the one platform's
    /// manifest; every platform must be in the store.
    /// </summary>
    public bool AllPlatforms { get; init; }

    public RegistryOptions Registry { get; init; } = new();
}
