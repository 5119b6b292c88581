using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>
/// A base layer's descriptor in the committed OCI manifest. A Docker schema 2 layer is the same gzip'ed tar under
/// another name (image-spec media-types.md, "Compatibility Matrix"), so only its media type changes.
/// </summary>
internal static class OciLayerDescriptor
{
    public static Descriptor Of(Descriptor layer) => layer with
    {
        MediaType = layer.MediaType switch
        {
            MediaTypes.DockerLayerGzip => MediaTypes.OciLayerGzip,
            MediaTypes.DockerForeignLayerGzip => MediaTypes.OciLayerNondistributableGzip,
            _ => layer.MediaType,
        },
    };
}
