using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Images;

/// <summary>
/// docker rmi's rules for what a removal does. Removing a name only untags it while the image has other names, and
/// the image goes with its last name; removing an image by id takes all its names, so with several it needs force.
/// <c>gone</c> holds the names that earlier steps of the same command removed or, under -WhatIf, would have: a
/// pipeline of every name of an image then removes the image with the last one, whether it runs or only says so.
/// </summary>
public static class ImageRemoval
{
    /// <summary>Whether removing <paramref name="name"/> leaves the image with other names.</summary>
    public static bool UntagsOnly(ImageInfo image, string name, IReadOnlySet<string> gone) =>
        image.Names.Any(other => other != name && !gone.Contains(other));

    /// <summary>The names a removal of the whole image takes; ImageHasSeveralNames when there are several and not <paramref name="force"/>.</summary>
    public static IReadOnlyList<string> NamesRemovedWithImage(ImageInfo image, IReadOnlySet<string> gone, bool force)
    {
        var names = image.Names.Where(name => !gone.Contains(name)).ToList();
        if (names.Count > 1 && !force)
            throw Fail.FailedPrecondition("ImageHasSeveralNames",
                $"Image {image.Id.ShortId} has {names.Count} names ({string.Join(", ", names)}); remove them by name, or use -Force to remove the image with all of them.",
                image.Id.ToString());
        return names;
    }
}
