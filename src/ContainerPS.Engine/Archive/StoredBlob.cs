using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>Opens a store blob for an export; a blob the store lost is BlobNotFound, not a raw file error.</summary>
internal static class StoredBlob
{
    public static Stream Open(BlobStore blobs, Digest digest) =>
        blobs.Exists(digest)
            ? blobs.OpenRead(digest)
            : throw Fail.NotFound("BlobNotFound", $"Blob {digest} is not in the store, so the image cannot be exported.", digest.ToString());
}
