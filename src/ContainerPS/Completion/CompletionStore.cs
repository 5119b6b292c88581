using System.Collections;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Completion;

/// <summary>
/// What completers read from the store at the command's -Root (or the default root). It never creates a store: a
/// root that does not exist has nothing, and an unreadable one has nothing rather than printing an error mid-typing.
/// </summary>
internal static class CompletionStore
{
    public static string RootOf(IDictionary boundParameters) =>
        boundParameters["Root"]?.ToString() ?? ImageService.DefaultRoot;

    public static IReadOnlyList<ContainerInfo> Containers(IDictionary boundParameters) =>
        Read(RootOf(boundParameters), root => new ContainerService(root).List());

    public static IReadOnlyList<ImageInfo> Images(IDictionary boundParameters) =>
        Read(RootOf(boundParameters), root => new ImageService(root).ListImages());

    /// <summary>The familiar names of the local images (<c>busybox:latest</c>, <c>localhost:5000/app:1</c>).</summary>
    public static IReadOnlyList<string> ImageNames(IDictionary boundParameters) =>
        Images(boundParameters).SelectMany(image => image.Names).Select(ImageNameMatch.FamiliarName).Distinct(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<T> Read<T>(string root, Func<string, IReadOnlyList<T>> read)
    {
        if (!Directory.Exists(root)) return [];
        try
        {
            return read(root);
        }
        catch (Exception exception) when (exception is Engine.Errors.ContainerPSException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
