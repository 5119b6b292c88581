namespace ContainerPS.Engine.Build.Execution;

/// <summary>The compressions ADD recognises around a local tar archive (Dockerfile reference, "ADD", "Adding local tar archives").</summary>
internal enum ArchiveCompression
{
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}
