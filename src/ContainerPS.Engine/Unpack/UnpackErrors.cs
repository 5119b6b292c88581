using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// The unpacker's error ids. A layer that breaks the rules (a path that leaves the root, a bad whiteout, a malformed
/// or oversized tar) is <see cref="ErrorKind.DataIntegrity"/>: its digest matched, so the content itself is bad, and
/// retrying the same blob cannot help. An unknown compression is <see cref="ErrorKind.NotSupported"/>.
/// </summary>
internal static class UnpackErrors
{
    public static ContainerPSException InvalidLayer(string message, string? path = null, Exception? inner = null) =>
        Fail.DataIntegrity("InvalidLayer", message, path, inner);

    public static ContainerPSException PathEscapesRoot(string path) =>
        Fail.DataIntegrity("LayerPathEscapesRoot", $"The layer entry path '{path}' leads outside the layer root.", path);

    public static ContainerPSException TooLarge(string message) =>
        Fail.DataIntegrity("LayerTooLarge", message);

    public static ContainerPSException UnsupportedMediaType(string mediaType) =>
        Fail.NotSupported("UnsupportedLayerMediaType", $"Layers of media type '{mediaType}' cannot be unpacked.", mediaType);
}
