using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary><see cref="Verify"/>'s checks, with the archive path in the error so the user knows which entry is bad.</summary>
internal static class ArchiveVerify
{
    public static void Matches(string path, Descriptor expected, Digest actual, long actualSize)
    {
        try
        {
            Verify.Size(expected, actualSize);
            Verify.Digest(expected, actual);
        }
        catch (ContainerPSException e)
        {
            throw ArchiveErrors.DigestMismatch(path, expected, actual, actualSize, e);
        }
    }

    public static void Matches(string path, Descriptor expected, byte[] content) =>
        Matches(path, expected, Digest.Sha256Of(content), content.Length);

    /// <summary>Reads at most <paramref name="maxBytes"/>; a longer stream (or a device that never ends) is refused.</summary>
    public static byte[] ReadBounded(Stream stream, string path, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > maxBytes) throw ArchiveErrors.Invalid($"The archive entry '{path}' is larger than the {maxBytes} bytes allowed for it.", path);
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
