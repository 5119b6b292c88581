using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// A COPY or ADD resolved before it runs (Dockerfile reference, "COPY", "ADD"): its sources, its absolute
/// destination, whether that is a directory (a trailing slash, or several sources), <c>--chown</c> and
/// <c>--chmod</c>, and for <c>--from</c> the layers of the root the sources are read from. <see cref="ContentKey"/> is
/// what the cache key takes from the sources: their checksum, or the <c>--from</c> root's identity.
/// <see cref="ExtractArchives"/> is ADD's: a context file that is a tar archive is extracted, not copied.
/// </summary>
internal sealed record CopyPlan(
    DockerfileInstruction Instruction,
    IReadOnlyList<CopySource> Sources,
    string Destination,
    bool DestinationIsDirectory,
    string? Chown,
    ushort? Chmod,
    IReadOnlyList<string>? FromLowerDirectories,
    string ContentKey,
    bool ExtractArchives = false);
