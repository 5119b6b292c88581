using System.IO.Compression;
using ContainerPS.Engine.Oci;
using SharpCompress.Compressors.ZStandard;

namespace ContainerPS.Engine.Unpack;

/// <summary>Opens the uncompressed tar stream of a layer blob, chosen by the layer's media type (image-spec media-types.md).</summary>
public static class LayerDecompression
{
    private const string OciLayerNondistributable = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    private const string OciLayerNondistributableZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    // containerd accepts these uncompressed Docker variants, which some tools write.
    private const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
    private const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar";

    /// <summary>
    /// Returns a stream of the uncompressed tar; it owns <paramref name="compressed"/> and disposes it.
    /// gzip uses the BCL's GZipStream (native zlib-ng, and it reads every member of a multi-member gzip);
    /// zstd uses SharpCompress. Unknown types fail with <c>UnsupportedLayerMediaType</c>.
    /// </summary>
    public static Stream Open(Stream compressed, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        return mediaType switch
        {
            MediaTypes.OciLayer or OciLayerNondistributable or DockerLayer or DockerForeignLayer => compressed,
            MediaTypes.OciLayerGzip or MediaTypes.OciLayerNondistributableGzip or MediaTypes.DockerLayerGzip
                or MediaTypes.DockerForeignLayerGzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false),
            MediaTypes.OciLayerZstd or OciLayerNondistributableZstd =>
                new DecompressionStream(compressed, bufferSize: 0, checkEndOfStream: true, leaveOpen: false),
            _ => throw UnpackErrors.UnsupportedMediaType(mediaType),
        };
    }
}
