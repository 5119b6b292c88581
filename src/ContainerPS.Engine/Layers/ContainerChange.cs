namespace ContainerPS.Engine.Layers;

/// <summary>One line of a container's diff: an absolute path in the container and how it changed.</summary>
public sealed record ContainerChange(string Path, ChangeKind Kind);
