namespace ContainerPS.Engine.Layers;

/// <summary>What one entry of a layer tar is (image-spec layer.md, "File Types", plus the whiteout markers).</summary>
public enum LayerEntryKind
{
    Regular,
    Directory,
    Symlink,
    /// <summary>A second path of an inode already written in this layer: a tar hard link to the first path.</summary>
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,
    /// <summary>An overlay whiteout (char device 0/0) written as an empty <c>.wh.&lt;name&gt;</c> file (layer.md, "Whiteouts").</summary>
    Whiteout,
    /// <summary>The <c>.wh..wh..opq</c> marker that follows an opaque directory (layer.md, "Opaque Whiteout").</summary>
    OpaqueMarker,
}
