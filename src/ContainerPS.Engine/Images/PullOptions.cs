using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Images;

/// <summary>What a pull may do: the wanted platform and how to reach the registry.</summary>
public sealed record PullOptions
{
    /// <summary>The platform to select from a multi-platform index; null means this host's.</summary>
    public Platform? Platform { get; init; }

    public RegistryOptions Registry { get; init; } = new();
}
