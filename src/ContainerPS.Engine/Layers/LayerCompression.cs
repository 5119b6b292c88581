namespace ContainerPS.Engine.Layers;

/// <summary>How a written layer is compressed (image-spec media-types.md: tar+gzip, tar+zstd).</summary>
public enum LayerCompression
{
    Gzip,
    Zstd,
}
