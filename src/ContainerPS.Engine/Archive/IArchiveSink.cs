using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>Where an export writes its files: a tar (docker-archive, oci-archive) or a directory (OCI layout).</summary>
internal interface IArchiveSink : IDisposable
{
    /// <summary>Writes one file and returns the sha256 digest of the bytes written.</summary>
    Digest Add(string path, Stream content, CancellationToken ct);

    /// <summary>Flushes everything to disk; the caller renames the result into place after this.</summary>
    void Complete();
}
