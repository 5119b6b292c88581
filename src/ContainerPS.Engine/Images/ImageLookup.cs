using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Images;

/// <summary>How a user's words select an image: by id (or unique prefix) or by name (or repo@digest).</summary>
internal static class ImageLookup
{
    private const int MinIdPrefix = 4;

    public static ImageInfo? ById(IReadOnlyList<ImageInfo> images, string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text["sha256:".Length..] : text;
        if (hex.Length < MinIdPrefix || !hex.All(Uri.IsHexDigit)) return null;
        var matches = images.Where(i => i.Id.Hex.StartsWith(hex, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public static ImageInfo? ByReference(IReadOnlyList<ImageInfo> images, ImageReference reference)
    {
        var name = ImagePuller.StoredName(reference);
        var named = images.FirstOrDefault(i => i.Names.Contains(name));
        if (named is not null) return named;
        if (reference.Digest is not { } digest) return null;
        return images.FirstOrDefault(i => (i.ManifestDigest == digest || i.RepoDigest == digest)
                                          && i.Names.Any(n => n.StartsWith(reference.Repository + ":", StringComparison.Ordinal) || n.StartsWith(reference.Repository + "@", StringComparison.Ordinal)));
    }
}
