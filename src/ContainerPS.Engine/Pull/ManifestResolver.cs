using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Turns a reference into one platform's image manifest (feature-anchors.md §6, steps 2-4): fetch the manifest;
/// if it is an index or manifest list, skip attestation entries and pick the wanted platform, then fetch that
/// manifest by digest. The registry client has verified each manifest's digest; here its size and shape are checked.
/// </summary>
public sealed class ManifestResolver(RegistryClient client)
{
    /// <summary>overlayfs stacks at most this many lower layers (hardening.md, principle 3).</summary>
    public const int MaxLayers = 127;

    public async Task<ResolvedImage> ResolveAsync(ImageReference reference, Platform wanted, CancellationToken ct)
    {
        var top = await client.GetManifestAsync(reference, ct).ConfigureAwait(false);
        var topDescriptor = new Descriptor { MediaType = top.MediaType, Digest = top.Digest, Size = top.Content.Length };
        if (MediaTypes.IsManifest(top.MediaType))
        {
            var single = ParseManifest(top.Content, reference);
            return new ResolvedImage(reference, topDescriptor, top.Content, single, null, null);
        }

        if (!MediaTypes.IsIndex(top.MediaType))
            throw Fail.NotSupported("UnsupportedManifestType", $"{reference} has media type '{top.MediaType}', which is not an image manifest or index.", reference.ToString());

        var index = Parse(top.Content, OciJsonContext.Default.ImageIndex, reference);
        var chosen = PlatformSelector.Select(index, wanted, reference);
        var platformManifest = await client.GetManifestAsync(reference.WithDigest(chosen.Digest), ct).ConfigureAwait(false);
        if (platformManifest.Content.Length != chosen.Size)
            throw Fail.DataIntegrity("BlobSizeMismatch", $"The {wanted} manifest of {reference} is {platformManifest.Content.Length} bytes; the index says {chosen.Size}.", reference.ToString());
        if (!MediaTypes.IsManifest(platformManifest.MediaType))
            throw Fail.NotSupported("UnsupportedManifestType", $"The {wanted} entry of {reference} has media type '{platformManifest.MediaType}', which is not an image manifest.", reference.ToString());

        var manifest = ParseManifest(platformManifest.Content, reference);
        var descriptor = chosen with { MediaType = platformManifest.MediaType, Annotations = null };
        return new ResolvedImage(reference, descriptor, platformManifest.Content, manifest, topDescriptor, top.Content);
    }

    private static ImageManifest ParseManifest(byte[] content, ImageReference reference)
    {
        var manifest = Parse(content, OciJsonContext.Default.ImageManifest, reference);
        if (manifest.SchemaVersion != 2)
            throw Fail.NotSupported("ManifestSchema1NotSupported", $"{reference} uses manifest schema {manifest.SchemaVersion}; only schema 2 is supported.", reference.ToString());
        if (manifest.Layers.Length > MaxLayers)
            throw Fail.NotSupported("TooManyLayers", $"{reference} has {manifest.Layers.Length} layers; overlayfs supports at most {MaxLayers}.", reference.ToString());
        if (manifest.Config.Digest.Algorithm != "sha256" || manifest.Layers.Any(l => l.Digest.Algorithm != "sha256"))
            throw Fail.NotSupported("UnsupportedDigestAlgorithm", $"{reference} uses a digest algorithm other than sha256.", reference.ToString());
        return manifest;
    }

    private static T Parse<T>(byte[] content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, ImageReference reference)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity("InvalidManifest", $"The manifest of {reference} is not valid: {e.Message}", reference.ToString(), e);
        }
    }
}
