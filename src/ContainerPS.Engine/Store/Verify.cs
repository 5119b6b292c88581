using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>The one place that decides whether content matches its descriptor (image-spec descriptor.md, "Digests").</summary>
public static class Verify
{
    public static void SizeAndDigest(Descriptor expected, ReadOnlySpan<byte> content)
    {
        Size(expected, content.Length);
        Digest(expected, Oci.Digest.Sha256Of(content));
    }

    public static void Size(Descriptor expected, long actualSize)
    {
        if (actualSize != expected.Size)
            throw Fail.DataIntegrity("BlobSizeMismatch", $"Blob {expected.Digest} is {actualSize} bytes; its descriptor says {expected.Size}.", expected.Digest.ToString());
    }

    public static void Digest(Descriptor expected, Digest actual)
    {
        if (actual != expected.Digest)
            throw Fail.DataIntegrity("BlobDigestMismatch", $"Blob content hashes to {actual}, not the expected {expected.Digest}: the registry sent corrupt or tampered data.", expected.Digest.ToString());
    }
}
