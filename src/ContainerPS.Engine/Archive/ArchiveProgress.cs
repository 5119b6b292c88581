namespace ContainerPS.Engine.Archive;

/// <summary>One blob of an export or import started: <paramref name="Item"/> is its path in the archive, the <paramref name="Index"/>th of <paramref name="Count"/>.</summary>
public sealed record ArchiveProgress(string Item, int Index, int Count);
