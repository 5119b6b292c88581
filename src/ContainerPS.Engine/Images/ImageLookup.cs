using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Images;

/// <summary>How a user's words select an image: by name (or repo@digest), or by id or id prefix.</summary>
internal static class ImageLookup
{
    private const int MinIdPrefix = 4;

    /// <summary>The image whose id starts with <paramref name="text"/>; AmbiguousImageId when several images' ids do.</summary>
    public static ImageInfo? ById(IReadOnlyList<ImageInfo> images, string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text["sha256:".Length..] : text;
        if (hex.Length < MinIdPrefix || !hex.All(Uri.IsHexDigit)) return null;
        var matches = images.Where(i => i.Id.Hex.StartsWith(hex, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
            throw Fail.InvalidArgument("AmbiguousImageId",
                $"'{text}' starts the ids of {matches.Count} images: {string.Join(", ", matches.Select(Describe))}. Give more of the id.", text);
        return matches.SingleOrDefault();
    }

    public static ImageMatch? ByReference(IReadOnlyList<ImageInfo> images, ImageReference reference)
    {
        var name = ImagePuller.StoredName(reference);
        var named = images.FirstOrDefault(i => i.Names.Contains(name, StringComparer.Ordinal));
        if (named is not null) return new ImageMatch(named, name);
        if (reference.Digest is not { } digest) return null;
        var byDigest = images.FirstOrDefault(i => i.Manifests.Any(m => (m.Digest == digest || m.RepoDigest == digest) && m.Names.Any(n => InRepository(n, reference))));
        return byDigest is null ? null : new ImageMatch(byDigest, null);
    }

    private static bool InRepository(string name, ImageReference reference) =>
        name.StartsWith(reference.Repository + ":", StringComparison.Ordinal) || name.StartsWith(reference.Repository + "@", StringComparison.Ordinal);

    private static string Describe(ImageInfo image) =>
        image.Names.Count == 0 ? image.Id.ShortId : $"{image.Id.ShortId} ({image.Names[0]})";
}
