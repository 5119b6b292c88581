namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>One top-level item a copy created or replaced: its path on the side it was written to.</summary>
/// <param name="Path">Absolute path: in the container for a copy into it, on the host for a copy out.</param>
/// <param name="InContainer">True when <paramref name="Path"/> is a container path.</param>
/// <param name="IsDirectory">True for a directory (copied whole, or its contents merged into it).</param>
public sealed record CopiedItem(string Path, bool InContainer, bool IsDirectory);
