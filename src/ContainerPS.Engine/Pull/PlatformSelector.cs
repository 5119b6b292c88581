using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Picks one entry of an image index for a platform (image-index.md, "platform"). Attestation manifests
/// (buildkit's attestation-storage.md: platform unknown/unknown, <c>vnd.docker.reference.type</c>) are never images.
/// </summary>
public static class PlatformSelector
{
    private const string ReferenceTypeAnnotation = "vnd.docker.reference.type";

    public static Descriptor Select(ImageIndex index, Platform wanted, ImageReference reference)
    {
        var match = index.Manifests.Where(IsImage).FirstOrDefault(m => wanted.Matches(m.Platform));
        if (match is not null) return match;

        var available = string.Join(", ", Platforms(index));
        throw Fail.NotFound("PlatformNotFound", $"{reference} has no image for {wanted}; it has: {(available.Length > 0 ? available : "none")}.", reference.ToString());
    }

    /// <summary>The platforms the index has images for, in its order ("unknown" for an entry without one).</summary>
    public static IEnumerable<string> Platforms(ImageIndex index) =>
        index.Manifests.Where(IsImage).Select(m => m.Platform?.ToString() ?? "unknown");

    /// <summary>Whether an index entry is an image for a platform, not an attestation manifest.</summary>
    public static bool IsImage(Descriptor entry) =>
        MediaTypes.IsManifest(entry.MediaType)
        && !(entry.Annotations?.ContainsKey(ReferenceTypeAnnotation) ?? false)
        && entry.Platform is not { Os: "unknown" } and not { Architecture: "unknown" };
}
