namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// What a build-context entry is. Symbolic links below a COPY/ADD source stay links (their targets are not read),
/// as docker copies them (Dockerfile reference, "COPY").
/// </summary>
public enum ContextEntryKind
{
    File,
    Directory,
    Symlink,
}
