using System.Text;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Images;

/// <summary>
/// A throwaway store whose images are written as a pull commits them (config and manifest blobs, then a named
/// index.json entry), without layers: enough for listing, lookup, tagging and removal.
/// </summary>
internal sealed class StoreWithImages : IDisposable
{
    public StoreWithImages()
    {
        Images = new ImageService(Directory.CreateTempSubdirectory("cps-images-").FullName);
        Blobs = new BlobStore(Images.Layout);
    }

    public ImageService Images { get; }

    public BlobStore Blobs { get; }

    public void Dispose() => Directory.Delete(Images.Root, recursive: true);

    /// <summary>An image config whose content (and so id) is set by <paramref name="label"/>.</summary>
    public static byte[] Config(string label) => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"amd64","os":"linux","config":{"Labels":{"test":"{{{label}}}"}},"rootfs":{"type":"layers","diff_ids":[]}}""");

    /// <summary>Stores <paramref name="config"/> under a manifest of <paramref name="mediaType"/> named <paramref name="name"/>; returns the manifest digest.</summary>
    public Digest Add(byte[] config, string name, string mediaType = MediaTypes.OciManifest)
    {
        var configDescriptor = Write(config, mediaType == MediaTypes.DockerManifest ? MediaTypes.DockerConfig : MediaTypes.OciConfig);
        var manifest = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"{{{mediaType}}}","config":{"mediaType":"{{{configDescriptor.MediaType}}}","digest":"{{{configDescriptor.Digest}}}","size":{{{configDescriptor.Size}}}},"layers":[]}""");
        var manifestDescriptor = Write(manifest, mediaType);
        var entry = manifestDescriptor with { Annotations = new() { [IndexAnnotations.RefName] = name } };
        new ImageIndexStore(Images.Layout).Update(entries => IndexEntries.SetName(entries, entry, new StoredImageIds(Blobs).Of));
        return manifestDescriptor.Digest;
    }

    public int IndexEntryCount => new ImageIndexStore(Images.Layout).Read().Manifests.Count();

    private Descriptor Write(byte[] content, string mediaType)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Sha256Of(content), Size = content.Length };
        Blobs.WriteVerified(descriptor, content);
        return descriptor;
    }
}
