namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// One visible entry of the build context. <see cref="ContextPath"/> is slash-separated and relative to the context
/// root (<c>""</c> for the root itself); <see cref="LinkTarget"/> is the link text of a <see cref="ContextEntryKind.Symlink"/>.
/// </summary>
public sealed record ContextEntry(string ContextPath, string FullPath, ContextEntryKind Kind, string? LinkTarget = null);
