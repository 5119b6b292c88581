using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// The archive code's error ids. A malformed or hostile archive is <see cref="ErrorKind.DataIntegrity"/>: reading it
/// again cannot help, and nothing of it is kept.
/// </summary>
internal static class ArchiveErrors
{
    public static ContainerPSException Invalid(string message, string? target = null, Exception? inner = null) =>
        Fail.DataIntegrity("ArchiveInvalid", message, target, inner);

    public static ContainerPSException Unsafe(string path, string why) =>
        Fail.DataIntegrity("ArchiveEntryUnsafe", $"The archive entry '{path}' is refused: {why}.", path);

    public static ContainerPSException Missing(string path) =>
        Fail.DataIntegrity("ArchiveInvalid", $"The archive has no entry '{path}', which its manifest names.", path);

    public static ContainerPSException DigestMismatch(string path, Oci.Descriptor expected, Oci.Digest actual, long actualSize, Exception inner) =>
        Fail.DataIntegrity("ArchiveDigestMismatch",
            $"The archive entry '{path}' is {actualSize} bytes hashing to {actual}; the archive says {expected.Size} bytes, {expected.Digest}. It is corrupt or was tampered with.", path, inner);
}
