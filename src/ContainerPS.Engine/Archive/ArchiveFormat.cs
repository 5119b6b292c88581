namespace ContainerPS.Engine.Archive;

/// <summary>The archive formats Export-Image writes and Import-Image reads (docs/archives.md).</summary>
public enum ArchiveFormat
{
    /// <summary>What <c>docker save</c> and <c>podman save</c> write: manifest.json, configs and uncompressed layer tars.</summary>
    DockerArchive,

    /// <summary>A tar of an OCI image layout (image-spec image-layout.md).</summary>
    OciArchive,

    /// <summary>An OCI image layout as a directory.</summary>
    OciLayout,
}
