using ContainerPS.Engine.Layers;

namespace ContainerPS;

/// <summary>One path a container changed against its image (PSTypeName <c>ContainerPS.ContainerChange</c>), as docker diff lists it.</summary>
public sealed class ContainerChange
{
    public string ContainerName { get; init; } = "";

    public string ContainerId { get; init; } = "";

    /// <summary>The absolute path inside the container.</summary>
    public string Path { get; init; } = "";

    /// <summary>Added, Changed or Deleted (docker diff's A, C and D).</summary>
    public ChangeKind Kind { get; init; }

    public override string ToString() => $"{Kind.ToString()[0]} {Path}";
}
