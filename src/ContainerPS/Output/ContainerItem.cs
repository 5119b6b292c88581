namespace ContainerPS;

/// <summary>An item Copy-ContainerItem -PassThru created inside a container (PSTypeName <c>ContainerPS.ContainerItem</c>).</summary>
public sealed class ContainerItem
{
    public string ContainerName { get; init; } = "";

    public string ContainerId { get; init; } = "";

    /// <summary>The absolute path inside the container.</summary>
    public string Path { get; init; } = "";

    /// <summary>Directory, or File for anything else (a file, a symlink, a device node).</summary>
    public string ItemType { get; init; } = "";

    public override string ToString() => $"{ContainerName}:{Path}";
}
