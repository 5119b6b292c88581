using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>One regular file of an archive tar, copied into the staging directory with its digest and size.</summary>
internal sealed record StagedEntry(string File, Digest Digest, long Size);
